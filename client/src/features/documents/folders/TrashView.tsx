import { can, type DocumentEntry } from '@arbeitsbereich/contract';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../../lib/api/useLoad';
import { Link } from '../../../lib/router/Link';
import { paths } from '../../../lib/router/paths';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { Busy } from '../../../lib/ui/Busy';
import { ConfirmDialog } from '../../../lib/ui/ConfirmDialog';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { EntryTableHead, entrySize } from '../EntryCells';
import { formatWhen } from '../formatting';
import { KindIcon } from '../KindIcon';
import type { DocumentsContext } from '../useDocumentsContext';
import { Breadcrumbs } from './Breadcrumbs';

/** The room's trash: restore what was deleted; those allowed remove it for good. */
export function TrashView({ context }: { context: DocumentsContext }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const locale = i18n.resolvedLanguage ?? 'de';
  const { documents, tenantId, roomId } = context;
  const load = useMemo(
    () => (documents ? (signal: AbortSignal) => documents.trash(tenantId, roomId, signal) : undefined),
    [documents, tenantId, roomId],
  );
  const trash = useLoad(`${roomId}|trash`, load);
  const [busyId, setBusyId] = useState<string>();
  const [purging, setPurging] = useState<DocumentEntry>();

  const restore = (entry: DocumentEntry) => {
    if (!documents || busyId) return;
    setBusyId(entry.id);
    documents.restore(tenantId, roomId, entry.id).then(
      (restored) => {
        setBusyId(undefined);
        announce(t('documents.trash.restored', { name: restored.name }));
        trash.reload();
      },
      () => {
        setBusyId(undefined);
        announce(t('documents.trash.restoreFailed', { name: entry.name }), 'problem');
      },
    );
  };
  const purge = () => {
    const entry = purging;
    if (!documents || !entry) return;
    setBusyId(entry.id);
    documents.purge(tenantId, roomId, entry.id).then(
      () => {
        setBusyId(undefined);
        setPurging(undefined);
        announce(t('documents.trash.purged', { name: entry.name }));
        trash.reload();
      },
      () => {
        setBusyId(undefined);
        setPurging(undefined);
        announce(t('documents.trash.purgeFailed', { name: entry.name }), 'problem');
      },
    );
  };

  const entries = trash.data?.entries ?? [];
  return (
    <div className="library library--trash">
      <div className="library__head">
        <Breadcrumbs roomId={roomId} path={[]} extra={t('documents.trash.title')} />
        <div className="toolbar library__toolbar">
          <Link to={paths.documents(roomId)} className="button">
            {t('documents.backToDocuments')}
          </Link>
        </div>
      </div>
      <p className="field__hint">{t('documents.trash.intro')}</p>
      {!trash.data && trash.loading && <Busy message={t('documents.trash.loading')} />}
      {trash.failure && <FailureAlert failure={trash.failure} title={t('documents.trash.loadFailed')} />}
      {trash.data && entries.length === 0 && (
        <p className="empty-state" data-testid="trash-empty">
          {t('documents.trash.empty')}
        </p>
      )}
      {entries.length > 0 && (
        <div className="table-wrap">
          <table className="table library-table" data-testid="trash-table">
            <caption className="visually-hidden">{t('documents.trash.title')}</caption>
            <EntryTableHead whenLabel={t('documents.columns.deleted')} />
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-entry-id={entry.id}>
                  <th scope="row" className="library-table__name">
                    <KindIcon entry={entry} />
                    <span>{entry.name}</span>
                  </th>
                  <td>{entrySize(entry, locale)}</td>
                  <td>{entry.deletedAt ? formatWhen(entry.deletedAt, locale) : '–'}</td>
                  <td className="row-actions">
                    {can(entry.abilities, 'document.write') && (
                      <button
                        type="button"
                        className="button button--small"
                        aria-disabled={busyId !== undefined}
                        aria-label={t('documents.trash.restoreNamed', { name: entry.name })}
                        onClick={() => restore(entry)}
                      >
                        {busyId === entry.id ? t('documents.working') : t('documents.trash.restore')}
                      </button>
                    )}
                    {(can(entry.abilities, 'document.purge') || can(trash.data?.abilities, 'document.purge')) && (
                      <button
                        type="button"
                        className="button button--small button--danger-outline"
                        aria-label={t('documents.trash.purgeNamed', { name: entry.name })}
                        onClick={() => setPurging(entry)}
                      >
                        {t('documents.trash.purge')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={purging !== undefined}
        title={t('documents.trash.purgeTitle', { name: purging?.name ?? '' })}
        confirmLabel={t('documents.trash.purge')}
        cancelLabel={t('documents.cancel')}
        busy={busyId !== undefined}
        busyLabel={t('documents.working')}
        onConfirm={purge}
        onCancel={() => setPurging(undefined)}
      >
        <p>{t('documents.trash.purgeText')}</p>
      </ConfirmDialog>
    </div>
  );
}
