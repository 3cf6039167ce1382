import { can, type Room, type MeetingInfo, type MeetingTicket } from '@arbeitsbereich/contract';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { Busy } from '../../lib/ui/Busy';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { GuestLinks } from './GuestLinks';
import { MeetingStage } from './MeetingStage';
import { useMeetingInfo } from './useMeetingInfo';
import { useWaitingRoom } from './useWaitingRoom';
import { WaitingNotice } from './WaitingNotice';
import { ScheduledMeetings } from './ScheduledMeetings';
import './meetings.css';

interface Props {
  room: Room;
  /** Tells the room page whether the meeting is open here, so it keeps the chat beside it. */
  onLiveChange: (live: boolean) => void;
}

/** The settings an operator sets on the server for either video system; named in the "no video" notice. */
export const MEETING_SETTINGS = {
  livekit: ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'],
  jitsi: ['JITSI_DOMAIN', 'JITSI_APP_ID', 'JITSI_APP_SECRET'],
} as const;

/** Why there is no meeting: said in words, never as a broken frame. */
export function MeetingUnavailable({ reason }: { reason: MeetingInfo['reason'] }) {
  const { t } = useTranslation();
  if (reason === 'not-configured') {
    return (
      <div className="meeting-notice" data-testid="meeting-unavailable">
        <h2 className="meeting-notice__title">{t('meetings.unavailable.notConfiguredTitle')}</h2>
        <p>{t('meetings.unavailable.notConfigured')}</p>
        <p>{t('meetings.unavailable.settingsIntro')}</p>
        {(['livekit', 'jitsi'] as const).map((provider) => (
          <div key={provider}>
            <h3 className="meeting-settings__title">{t(`meetings.unavailable.provider.${provider}`)}</h3>
            <dl className="meeting-settings">
              {MEETING_SETTINGS[provider].map((name) => (
                <div key={name} className="meeting-settings__row">
                  <dt>
                    <code>{name}</code>
                  </dt>
                  <dd>{t(`meetings.unavailable.setting.${name}`)}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="meeting-notice" data-testid="meeting-unavailable">
      <h2 className="meeting-notice__title">{t('meetings.unavailable.title')}</h2>
      <p>{t(reason === 'archived' ? 'meetings.unavailable.archived' : 'meetings.unavailable.disabledForTenant')}</p>
    </div>
  );
}

/** Who of the room is in its meeting now, as the server knows it (live over the socket). */
function MeetingPresent({ participants }: { participants: NonNullable<MeetingInfo['participants']> }) {
  const { t } = useTranslation();
  if (participants.length === 0) return null;
  return (
    <div className="meeting-present" data-testid="meeting-present">
      <h3 className="meeting-present__title" id="meeting-present-heading">
        {t('meetings.present')}
      </h3>
      <ul aria-labelledby="meeting-present-heading" className="meeting-present__list">
        {participants.map((p) => (
          <li key={p.personId}>{p.displayName}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The waiting room as the room's moderators see it (live over the socket): each link guest who asks
 * to enter, with "Einlassen" and "Ablehnen". Only an admitted guest gets a token from the server.
 */
function WaitingGuests({ room, waiting }: { room: Room; waiting: NonNullable<MeetingInfo['waiting']> }) {
  const { t, i18n } = useTranslation();
  const { api } = useSession();
  const announce = useAnnounce();
  const [busyId, setBusyId] = useState<string>();
  const [failure, setFailure] = useState<ApiFailure>();
  if (waiting.length === 0) return null;
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  const answer = (admissionId: string, name: string, admit: boolean) => {
    if (!api || busyId !== undefined) return;
    setBusyId(admissionId);
    setFailure(undefined);
    api.decideAdmission(room.tenantId, room.id, admissionId, admit).then(
      () => {
        setBusyId(undefined);
        announce(t(admit ? 'meetings.waiting.admitted' : 'meetings.waiting.declined', { name }));
      },
      (caught: unknown) => {
        setBusyId(undefined);
        setFailure(toApiFailure(caught));
      },
    );
  };
  return (
    <section className="meeting-waiting" aria-labelledby="meeting-waiting-heading" data-testid="meeting-waiting">
      <h3 className="meeting-waiting__title" id="meeting-waiting-heading">
        {t('meetings.waiting.title')} ({waiting.length})
      </h3>
      {failure && <FailureAlert failure={failure} title={t('meetings.waiting.failed')} />}
      <ul className="meeting-waiting__list">
        {waiting.map((guest) => (
          <li key={guest.admissionId} className="meeting-waiting__guest">
            <span>
              <strong>{guest.displayName}</strong>{' '}
              <span className="muted">{t('meetings.waiting.since', { time: time.format(new Date(guest.since)) })}</span>
            </span>
            <span className="meeting-waiting__actions">
              <button
                type="button"
                className="button button--primary"
                aria-label={t('meetings.waiting.admitNamed', { name: guest.displayName })}
                aria-disabled={busyId !== undefined}
                onClick={() => answer(guest.admissionId, guest.displayName, true)}
              >
                {t('meetings.waiting.admit')}
              </button>
              <button
                type="button"
                className="button"
                aria-label={t('meetings.waiting.declineNamed', { name: guest.displayName })}
                aria-disabled={busyId !== undefined}
                onClick={() => answer(guest.admissionId, guest.displayName, false)}
              >
                {t('meetings.waiting.decline')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Joined and left, told to the server once each, also when the page closes mid-meeting. */
function useMeetingPresence(api: ApiClient | undefined, tenantId: string, roomId: string) {
  const joined = useRef(false);
  const report = useCallback(
    (kind: 'joined' | 'left', keepalive = false) => {
      if (!api) return;
      if (kind === 'joined' ? joined.current : !joined.current) return;
      joined.current = kind === 'joined';
      api.reportMeetingEvent(tenantId, roomId, kind, keepalive).catch(() => {
        // A lost notice only leaves the chat without its line; the meeting goes on.
      });
    },
    [api, tenantId, roomId],
  );
  useEffect(() => {
    const onPageHide = () => report('left', true);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      report('left', true);
    };
  }, [report]);
  return report;
}

/** The "Besprechung" face of a room: join the room's meeting (LiveKit or Jitsi), embedded; guest links for moderators. */
export default function MeetingPanel({ room, onLiveChange }: Props) {
  const { t } = useTranslation();
  const { api, status, idle } = useSession();
  const announce = useAnnounce();
  const meeting = useMeetingInfo(room.tenantId, room.id);
  const [ticket, setTicket] = useState<MeetingTicket>();
  const [waitingId, setWaitingId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const report = useMeetingPresence(api, room.tenantId, room.id);
  const displayName = status.kind === 'signed-in' ? status.actor.displayName || status.actor.username : '';
  const frameTitle = t('meetings.frame.title', { name: room.name });

  useEffect(() => onLiveChange(ticket !== undefined), [ticket, onLiveChange]);
  useEffect(() => () => onLiveChange(false), [onLiveChange]);
  // Sitting in a meeting is using the workspace, though the page sees no key or pointer of it.
  const { noteActivity } = idle;
  useEffect(() => {
    if (ticket === undefined) return undefined;
    noteActivity();
    const timer = window.setInterval(noteActivity, 30_000);
    return () => window.clearInterval(timer);
  }, [ticket, noteActivity]);

  const join = () => {
    if (!api || busy || waitingId !== undefined) return;
    setBusy(true);
    setFailure(undefined);
    api.requestMeetingTicket(room.tenantId, room.id).then(
      (next) => {
        setBusy(false);
        // A guest of the room waits until a moderator lets them in (ADR 0051).
        if ('state' in next) setWaitingId(next.admissionId);
        else setTicket(next);
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };
  const askAgain = useCallback(
    (admissionId: string) =>
      api ? api.requestMeetingTicket(room.tenantId, room.id, admissionId) : Promise.reject(new Error('signed out')),
    [api, room.tenantId, room.id],
  );
  const onAdmitted = useCallback((next: MeetingTicket) => {
    setWaitingId(undefined);
    setTicket(next);
  }, []);
  const onWaitFailure = useCallback((caught: unknown) => {
    setWaitingId(undefined);
    setFailure(toApiFailure(caught));
  }, []);
  useWaitingRoom(waitingId, askAgain, onAdmitted, onWaitFailure);
  // Stopping withdraws the request at once, so the moderators no longer see a guest who has gone.
  const stopWaiting = () => {
    if (api && waitingId !== undefined) api.withdrawAdmission(room.tenantId, room.id, waitingId).catch(() => undefined);
    setWaitingId(undefined);
  };
  const leave = useCallback(() => {
    report('left');
    setTicket(undefined);
    announce(t('meetings.left'));
    meeting.reload();
  }, [report, announce, t, meeting]);
  const onJoined = useCallback(() => {
    report('joined');
    announce(t('meetings.joined'));
  }, [report, announce, t]);

  const info = meeting.data;
  const frameTicket = useMemo(
    () =>
      ticket
        ? { provider: ticket.provider, domain: ticket.domain, roomName: ticket.roomName, jwt: ticket.jwt }
        : undefined,
    [ticket],
  );

  return (
    <section className="meeting" aria-labelledby="meeting-heading">
      <h2 id="meeting-heading" className="visually-hidden">
        {t('rooms.faces.meeting')}
      </h2>
      {!info && meeting.loading && <Busy message={t('meetings.loading')} />}
      {!info && meeting.failure && <FailureAlert failure={meeting.failure} title={t('meetings.loadFailed')} />}
      {info && !info.available && <MeetingUnavailable reason={info.reason} />}
      {info?.available && (
        <>
          {frameTicket ? (
            <div className="meeting__live">
              <div className="meeting__bar">
                <p className="meeting__status">{t('meetings.inMeeting')}</p>
                <MeetingPresent participants={info.participants ?? []} />
                <WaitingGuests room={room} waiting={info.waiting ?? []} />
                <button type="button" className="button button--danger" onClick={leave}>
                  {t('meetings.leave')}
                </button>
              </div>
              <MeetingStage
                ticket={frameTicket}
                displayName={displayName}
                title={frameTitle}
                onJoined={onJoined}
                onLeft={leave}
              />
            </div>
          ) : (
            <div className="meeting-notice">
              <p>{info.running ? t('meetings.running') : t('meetings.notRunning')}</p>
              <MeetingPresent participants={info.participants ?? []} />
              <WaitingGuests room={room} waiting={info.waiting ?? []} />
              {failure && <FailureAlert failure={failure} title={t('meetings.joinFailed')} />}
              {waitingId !== undefined ? (
                <WaitingNotice testId="meeting-own-waiting" onStop={stopWaiting} />
              ) : can(info.abilities, 'meeting.join') ? (
                <p>
                  <button type="button" className="button button--primary" onClick={join} aria-disabled={busy}>
                    {busy ? t('meetings.joining') : t('meetings.join')}
                  </button>
                </p>
              ) : (
                <p className="muted">{t('meetings.mayNotJoin')}</p>
              )}
            </div>
          )}
        </>
      )}
      {info?.available && can(info.abilities, 'meeting.join') && (
        <ScheduledMeetings
          tenantId={room.tenantId}
          roomId={room.id}
          maySchedule={can(info.abilities, 'meeting.schedule')}
        />
      )}
      {info && can(info.abilities, 'guestLink.manage') && info.available && (
        <GuestLinks tenantId={room.tenantId} roomId={room.id} />
      )}
    </section>
  );
}
