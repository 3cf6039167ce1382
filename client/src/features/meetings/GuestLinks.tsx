import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { type GuestLink } from '@arbeitsbereich/contract';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { Busy } from '../../lib/ui/Busy';
import { ConfirmDialog } from '../../lib/ui/ConfirmDialog';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { TextField } from '../../lib/ui/Field';
import { DEFAULT_VALIDITY_HOURS, MAX_VALIDITY_HOURS, checkGuestLinkDraft } from './guestLinkForm';
import { useLoad } from '../../lib/api/useLoad';

interface Props {
  tenantId: string;
  roomId: string;
}

function CreateGuestLink({ tenantId, roomId, onCreated }: Props & { onCreated: (link: GuestLink) => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const announce = useAnnounce();
  const id = useId();
  const [name, setName] = useState('');
  const [hours, setHours] = useState(String(DEFAULT_VALIDITY_HOURS));
  const [problems, setProblems] = useState<{ name?: string; hours?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const form = useRef<HTMLFormElement>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !api) return;
    setFailure(undefined);
    const checked = checkGuestLinkDraft({ name, hours });
    if (!checked.ok) {
      setProblems({
        ...(checked.problems.name ? { name: t('meetings.guests.nameMissing') } : {}),
        ...(checked.problems.hours ? { hours: t('meetings.guests.hoursInvalid', { max: MAX_VALIDITY_HOURS }) } : {}),
      });
      form.current
        ?.querySelector<HTMLElement>(
          checked.problems.name ? `#${CSS.escape(`${id}-name`)}` : `#${CSS.escape(`${id}-hours`)}`,
        )
        ?.focus();
      return;
    }
    setProblems({});
    setBusy(true);
    api.createGuestLink(tenantId, roomId, checked.link).then(
      (link) => {
        setBusy(false);
        setName('');
        setHours(String(DEFAULT_VALIDITY_HOURS));
        announce(t('meetings.guests.created', { name: link.name }));
        onCreated(link);
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <form ref={form} className="guest-link-form" onSubmit={submit} noValidate>
      <h4 className="guest-links__subheading">{t('meetings.guests.createHeading')}</h4>
      <TextField
        id={`${id}-name`}
        label={t('meetings.guests.name')}
        hint={t('meetings.guests.nameHint')}
        error={problems.name}
        value={name}
        onChange={(event) => setName(event.target.value)}
        autoComplete="off"
      />
      <TextField
        id={`${id}-hours`}
        label={t('meetings.guests.hours')}
        hint={t('meetings.guests.hoursHint', { max: MAX_VALIDITY_HOURS })}
        error={problems.hours}
        value={hours}
        onChange={(event) => setHours(event.target.value)}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_VALIDITY_HOURS}
        className="field--short"
      />
      {failure && <FailureAlert failure={failure} title={t('meetings.guests.createFailed')} />}
      <p>
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t('meetings.guests.creating') : t('meetings.guests.create')}
        </button>
      </p>
    </form>
  );
}

function GuestLinkRow({ link, onRevoke }: { link: GuestLink; onRevoke: (link: GuestLink) => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const expires = new Date(link.expiresAt).toLocaleString(i18n.resolvedLanguage ?? 'de', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const copy = () => {
    navigator.clipboard.writeText(link.url).then(
      () => announce(t('meetings.guests.copied', { name: link.name })),
      () => announce(t('meetings.guests.copyFailed'), 'problem'),
    );
  };
  return (
    <li className={`guest-link guest-link--${link.state}`}>
      <div className="guest-link__who">
        <span className="guest-link__name">{link.name}</span>
        <span className="guest-link__detail">
          <span className={`guest-link__state guest-link__state--${link.state}`}>
            {t(`meetings.guests.state.${link.state}`)}
          </span>
          {link.state === 'valid' && <> · {t('meetings.guests.until', { time: expires })}</>}
        </span>
        {link.state === 'valid' && (
          <input
            className="field__control guest-link__url"
            readOnly
            value={link.url}
            aria-label={t('meetings.guests.urlOf', { name: link.name })}
            onFocus={(event) => event.currentTarget.select()}
          />
        )}
      </div>
      {link.state === 'valid' && (
        <div className="guest-link__actions">
          <button type="button" className="button button--small" onClick={copy}>
            {t('meetings.guests.copy')}
            <span className="visually-hidden"> ({link.name})</span>
          </button>
          <button type="button" className="button button--small button--danger-outline" onClick={() => onRevoke(link)}>
            {t('meetings.guests.revoke')}
            <span className="visually-hidden"> ({link.name})</span>
          </button>
        </div>
      )}
    </li>
  );
}

/** Gastlinks of a room's meeting: create one for a named guest, copy it, revoke it. */
export function GuestLinks({ tenantId, roomId }: Props) {
  const { t } = useTranslation();
  const { api } = useSession();
  const announce = useAnnounce();
  const load = useMemo(
    () => (api ? (signal: AbortSignal) => api.listGuestLinks(tenantId, roomId, signal) : undefined),
    [api, tenantId, roomId],
  );
  const links = useLoad(`${tenantId}|${roomId}`, load);
  const [revoking, setRevoking] = useState<GuestLink>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();

  const revoke = () => {
    if (!api || !revoking || busy) return;
    setBusy(true);
    setFailure(undefined);
    api.revokeGuestLink(tenantId, roomId, revoking.id).then(
      () => {
        setBusy(false);
        announce(t('meetings.guests.revoked', { name: revoking.name }));
        setRevoking(undefined);
        links.reload();
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  const list = links.data ?? [];
  return (
    <section className="guest-links" aria-labelledby="guest-links-heading">
      <h3 id="guest-links-heading">{t('meetings.guests.heading')}</h3>
      <p className="muted">{t('meetings.guests.intro')}</p>
      {!links.data && links.loading && <Busy message={t('meetings.guests.loading')} />}
      {links.failure && <FailureAlert failure={links.failure} title={t('meetings.guests.loadFailed')} />}
      {links.data &&
        (list.length === 0 ? (
          <p className="empty-state">{t('meetings.guests.empty')}</p>
        ) : (
          <ul className="guest-link-list" aria-label={t('meetings.guests.listLabel')}>
            {list.map((link) => (
              <GuestLinkRow key={link.id} link={link} onRevoke={setRevoking} />
            ))}
          </ul>
        ))}
      <CreateGuestLink
        tenantId={tenantId}
        roomId={roomId}
        onCreated={(link) => links.update((previous) => [link, ...previous.filter((l) => l.id !== link.id)])}
      />
      <ConfirmDialog
        open={revoking !== undefined}
        title={t('meetings.guests.revokeTitle')}
        confirmLabel={t('meetings.guests.revoke')}
        cancelLabel={t('meetings.guests.cancel')}
        busy={busy}
        busyLabel={t('meetings.guests.revoking')}
        onConfirm={revoke}
        onCancel={() => {
          setRevoking(undefined);
          setFailure(undefined);
        }}
      >
        <p>{t('meetings.guests.revokeQuestion', { name: revoking?.name ?? '' })}</p>
        {failure && <FailureAlert failure={failure} title={t('meetings.guests.revokeFailed')} />}
      </ConfirmDialog>
    </section>
  );
}
