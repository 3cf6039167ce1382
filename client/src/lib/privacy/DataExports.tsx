import type { DataExport } from '@arbeitsbereich/contract';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import { type ApiFailure, toApiFailure } from '../api/http';
import { useLoad } from '../api/useLoad';
import { formatDateTime } from '../i18n/format';
import { useAnnounce } from '../ui/Announcer';
import { FailureAlert } from '../ui/FailureAlert';

interface Props {
  api: ApiClient;
  tenantId: string;
  personId: string;
  /** The signed-in person's own data ("Meine Daten exportieren"), or an admin's view of someone's. */
  mine: boolean;
  /** Names the person in the button, for an admin's list of many. */
  name?: string;
}

/**
 * Export of a person's data (GDPR Art. 15, 20): ask for an archive, see it being made, download it
 * until it expires. The archive is made by the server in the background; this polls until it is ready.
 */
export function DataExports({ api, tenantId, personId, mine, name }: Props) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const lang = i18n.resolvedLanguage ?? 'de';
  const load = useCallback(
    (signal: AbortSignal) => api.privacy.listExports(tenantId, personId, signal),
    [api, tenantId, personId],
  );
  const exports = useLoad(`${tenantId}|${personId}`, load);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const pending = exports.data?.some((e) => e.state === 'pending') ?? false;
  const { reload } = exports;

  useEffect(() => {
    if (!pending) return undefined;
    const timer = window.setTimeout(reload, 1500);
    return () => window.clearTimeout(timer);
  });

  const ask = () => {
    if (busy || pending) return;
    setBusy(true);
    setFailure(undefined);
    api.privacy.requestExport(tenantId, personId).then(
      (made) => {
        setBusy(false);
        exports.update((list) => [made, ...list.filter((e) => e.id !== made.id)]);
        announce(t('privacy.export.queued'));
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  const label = mine ? t('privacy.export.mine') : t('privacy.export.theirs', { name: name ?? '' });
  return (
    <div className="data-exports">
      <p className="field__hint">{t('privacy.export.hint')}</p>
      <button type="button" className="button" onClick={ask} aria-disabled={busy || pending}>
        {busy ? t('privacy.export.asking') : label}
      </button>
      {failure && <FailureAlert failure={failure} title={t('privacy.export.failed')} />}
      {exports.failure && <FailureAlert failure={exports.failure} title={t('privacy.export.loadFailed')} />}
      {exports.data && exports.data.length > 0 && (
        <ul className="link-list data-exports__list" aria-live="polite">
          {exports.data.map((e) => (
            <li key={e.id}>
              <ExportLine api={api} tenantId={tenantId} personId={personId} item={e} lang={lang} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ExportLine(props: { api: ApiClient; tenantId: string; personId: string; item: DataExport; lang: string }) {
  const { api, tenantId, personId, item, lang } = props;
  const { t } = useTranslation();
  const created = formatDateTime(item.createdAt, lang);
  if (item.state === 'ready' && item.expiresAt) {
    return (
      <>
        <a href={api.privacy.archiveHref(tenantId, personId, item.id)} download>
          {t('privacy.export.download', { date: created })}
        </a>{' '}
        <span className="muted">{t('privacy.export.until', { date: formatDateTime(item.expiresAt, lang) })}</span>
      </>
    );
  }
  return <span>{t(`privacy.export.state.${item.state}`, { date: created })}</span>;
}
