import type { ScheduledMeeting } from '@arbeitsbereich/contract';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { calendarFileUrl } from '../../lib/api/schedule';
import { useLoad } from '../../lib/api/useLoad';
import { useRealtimeSignal } from '../../lib/realtime/context';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { Busy } from '../../lib/ui/Busy';
import { ConfirmDialog } from '../../lib/ui/ConfirmDialog';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { ScheduleDialog } from './ScheduleDialog';

interface Props {
  tenantId: string;
  roomId: string;
  /** Owners and moderators plan, change and cancel (`meeting.schedule`). */
  maySchedule: boolean;
}

function useWhen() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'de';
  return (m: ScheduledMeeting) => {
    const start = new Date(m.startsAt);
    const day = start.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    const time = (at: Date) => at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
    return { day, from: time(start), to: time(new Date(m.endsAt)) };
  };
}

/** The room's planned meetings (ADR 0052): each with its calendar file; planned, changed and cancelled by moderators. */
export function ScheduledMeetings({ tenantId, roomId, maySchedule }: Props) {
  const { t } = useTranslation();
  const { api } = useSession();
  const announce = useAnnounce();
  const when = useWhen();
  const load = useMemo(
    () => (api ? (signal: AbortSignal) => api.schedule.list(tenantId, roomId, signal) : undefined),
    [api, tenantId, roomId],
  );
  const meetings = useLoad(`${tenantId}|${roomId}|schedule`, load);
  const { reload } = meetings;
  useRealtimeSignal((signal) => {
    if (signal.type === 'reconnected') reload();
    else if (signal.tenantId === tenantId && (signal.roomId === undefined || signal.roomId === roomId)) reload();
  });
  // undefined: no dialog; null: a new meeting; else the meeting to change.
  const [editing, setEditing] = useState<ScheduledMeeting | null>();
  const [cancelling, setCancelling] = useState<ScheduledMeeting>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();

  const cancel = () => {
    if (!api || !cancelling || busy) return;
    setBusy(true);
    setFailure(undefined);
    api.schedule.cancel(tenantId, roomId, cancelling.id).then(
      () => {
        setBusy(false);
        announce(t('meetings.schedule.cancelled', { title: cancelling.title }));
        setCancelling(undefined);
        reload();
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  const list = meetings.data ?? [];
  return (
    <section className="schedule" aria-labelledby="schedule-heading" data-testid="scheduled-meetings">
      <h3 id="schedule-heading">{t('meetings.schedule.heading')}</h3>
      {!meetings.data && meetings.loading && <Busy message={t('meetings.schedule.loading')} />}
      {meetings.failure && <FailureAlert failure={meetings.failure} title={t('meetings.schedule.loadFailed')} />}
      {meetings.data &&
        (list.length === 0 ? (
          <p className="empty-state">{t('meetings.schedule.empty')}</p>
        ) : (
          <ul className="schedule__list" aria-label={t('meetings.schedule.listLabel')}>
            {list.map((m) => {
              const w = when(m);
              return (
                <li key={m.id} className="schedule__item">
                  <div className="schedule__what">
                    <span className="schedule__title">{m.title}</span>
                    <span className="schedule__when">{t('meetings.schedule.when', w)}</span>
                    {m.agenda && <p className="schedule__agenda">{m.agenda}</p>}
                    <span className="muted">{t('meetings.schedule.plannedBy', { name: m.createdBy })}</span>
                  </div>
                  <div className="schedule__actions">
                    <a className="button button--small" href={calendarFileUrl(tenantId, roomId, m.id)} download>
                      {t('meetings.schedule.download')}
                      <span className="visually-hidden"> ({m.title})</span>
                    </a>
                    {maySchedule && (
                      <>
                        <button type="button" className="button button--small" onClick={() => setEditing(m)}>
                          {t('meetings.schedule.change')}
                          <span className="visually-hidden"> ({m.title})</span>
                        </button>
                        <button
                          type="button"
                          className="button button--small button--danger-outline"
                          onClick={() => setCancelling(m)}
                        >
                          {t('meetings.schedule.cancel')}
                          <span className="visually-hidden"> ({m.title})</span>
                        </button>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        ))}
      {maySchedule && (
        <p>
          <button type="button" className="button button--primary" onClick={() => setEditing(null)}>
            {t('meetings.schedule.plan')}
          </button>
        </p>
      )}
      {editing !== undefined && (
        <ScheduleDialog
          tenantId={tenantId}
          roomId={roomId}
          meeting={editing ?? undefined}
          onCancel={() => setEditing(undefined)}
          onDone={(saved) => {
            announce(t(editing ? 'meetings.schedule.changed' : 'meetings.schedule.planned', { title: saved.title }));
            setEditing(undefined);
            reload();
          }}
        />
      )}
      <ConfirmDialog
        open={cancelling !== undefined}
        title={t('meetings.schedule.cancelTitle')}
        confirmLabel={t('meetings.schedule.cancelConfirm')}
        cancelLabel={t('meetings.schedule.back')}
        busy={busy}
        busyLabel={t('meetings.schedule.cancelling')}
        onConfirm={cancel}
        onCancel={() => {
          setCancelling(undefined);
          setFailure(undefined);
        }}
      >
        <p>{t('meetings.schedule.cancelQuestion', { title: cancelling?.title ?? '' })}</p>
        {failure && <FailureAlert failure={failure} title={t('meetings.schedule.cancelFailed')} />}
      </ConfirmDialog>
    </section>
  );
}
