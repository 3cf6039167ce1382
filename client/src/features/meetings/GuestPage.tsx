import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import {
  type GuestEntry,
  type GuestTicket,
  getGuestInvitation,
  guestLinkProblem,
  joinAsGuest,
  withdrawGuestAdmission,
} from '../../lib/api/meetings';
import { Busy } from '../../lib/ui/Busy';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { TextField } from '../../lib/ui/Field';
import { PageHeading } from '../../lib/ui/PageHeading';
import { MeetingStage } from './MeetingStage';
import { useLoad } from '../../lib/api/useLoad';
import { useWaitingRoom } from './useWaitingRoom';
import { WaitingNotice } from './WaitingNotice';
import './meetings.css';

/** An expired, revoked or unknown link: a page that says so and what to do, never a broken frame. */
function LinkClosed({ failure }: { failure: ApiFailure }) {
  const { t } = useTranslation();
  const problem = guestLinkProblem(failure);
  if (problem === 'other') return <FailureAlert failure={failure} title={t('meetings.guest.loadFailed')} />;
  return (
    <div className="meeting-notice" data-testid="guest-link-closed">
      <p className="meeting-notice__title">{t(`meetings.guest.closed.${problem}Title`)}</p>
      <p>{t(`meetings.guest.closed.${problem}`)}</p>
      <p>{t('meetings.guest.closed.next')}</p>
    </div>
  );
}

/** The page a guest link opens (no sign-in): the room and agency, the guest's name, the waiting room, then the meeting. */
export default function GuestPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const load = useMemo(() => (signal: AbortSignal) => getGuestInvitation(token, signal), [token]);
  const invitation = useLoad(token, load);
  const [name, setName] = useState<string>();
  const [nameProblem, setNameProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const [ticket, setTicket] = useState<GuestTicket>();
  const [waiting, setWaiting] = useState<{ admissionId: string; displayName: string }>();
  const [joined, setJoined] = useState(false);
  const [left, setLeft] = useState(false);
  const info = invitation.data;
  const displayName = name ?? info?.guestName ?? '';

  const join = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const chosen = displayName.trim();
    if (chosen === '') {
      setNameProblem(t('meetings.guest.nameMissing'));
      event.currentTarget.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    setNameProblem(undefined);
    setFailure(undefined);
    setBusy(true);
    joinAsGuest(token, chosen).then(
      (next) => {
        setBusy(false);
        setLeft(false);
        if (next.state === 'waiting') {
          // The request keeps the name as typed; the meeting shows it marked as a guest's.
          setWaiting({ admissionId: next.admissionId, displayName: chosen });
        } else {
          setTicket(next);
        }
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };
  const ask = useCallback(
    (admissionId: string): Promise<GuestEntry> => joinAsGuest(token, waiting?.displayName ?? '', admissionId),
    [token, waiting?.displayName],
  );
  const onEntry = useCallback((entry: GuestTicket) => {
    setWaiting(undefined);
    setTicket(entry);
  }, []);
  const onWaitFailure = useCallback((caught: unknown) => {
    setWaiting(undefined);
    setFailure(toApiFailure(caught));
  }, []);
  useWaitingRoom(waiting?.admissionId, ask, onEntry, onWaitFailure);
  // Stopping withdraws the request at once, so the moderators no longer see a guest who has gone.
  const stopWaiting = () => {
    if (waiting) withdrawGuestAdmission(token, waiting.admissionId).catch(() => undefined);
    setWaiting(undefined);
  };
  const onJoined = useCallback(() => setJoined(true), []);
  const onLeft = useCallback(() => {
    setTicket(undefined);
    setJoined(false);
    setLeft(true);
  }, []);
  // A request nobody answered in time is asked again from the form; every other refusal closes the page.
  const problem = failure ? guestLinkProblem(failure) : 'other';
  const closedFailure = failure && problem !== 'other' && problem !== 'lapsed' ? failure : undefined;

  return (
    <section className="page guest-page" aria-labelledby="guest-heading">
      <PageHeading id="guest-heading">{info ? info.roomTitle : t('meetings.guest.title')}</PageHeading>
      {!info && invitation.loading && <Busy message={t('meetings.guest.loading')} />}
      {invitation.failure && <LinkClosed failure={invitation.failure} />}
      {closedFailure && <LinkClosed failure={closedFailure} />}
      {info && !closedFailure && (
        <>
          <p className="page__intro">{t('meetings.guest.intro', { tenant: info.tenantName })}</p>
          {waiting && !ticket ? (
            <WaitingNotice className="meeting-notice" testId="guest-waiting" onStop={stopWaiting} />
          ) : ticket ? (
            <div className="meeting__live">
              <div className="meeting__bar">
                <p className="meeting__status" role="status">
                  {joined ? t('meetings.guest.inMeeting') : t('meetings.livekit.connecting')}
                </p>
                <button type="button" className="button button--danger" onClick={onLeft}>
                  {t('meetings.leave')}
                </button>
              </div>
              <MeetingStage
                ticket={ticket}
                displayName={ticket.displayName}
                readOnlyName
                title={t('meetings.frame.title', { name: info.roomTitle })}
                onJoined={onJoined}
                onLeft={onLeft}
              />
            </div>
          ) : (
            <form className="guest-join" onSubmit={join} noValidate>
              {left && (
                <p role="status" className="alert">
                  {t('meetings.guest.left')}
                </p>
              )}
              <TextField
                id="guest-name"
                label={t('meetings.guest.name')}
                hint={t('meetings.guest.nameHint')}
                error={nameProblem}
                value={displayName}
                onChange={(event) => setName(event.target.value)}
                autoComplete="name"
              />
              <p className="muted">{t('meetings.guest.lobbyNote')}</p>
              {failure && <FailureAlert failure={failure} title={t('meetings.guest.joinFailed')} />}
              <p>
                <button type="submit" className="button button--primary" aria-disabled={busy}>
                  {busy ? t('meetings.joining') : t('meetings.join')}
                </button>
              </p>
            </form>
          )}
        </>
      )}
    </section>
  );
}
