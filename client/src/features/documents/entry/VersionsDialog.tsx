import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { type LibraryEntry, contentUrl } from '../../../lib/api/library';
import { can } from '../../../lib/api/shape';
import { useLoad } from '../../../lib/api/useLoad';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { ModalDialog } from '../../../lib/ui/ModalDialog';
import { formatWhen } from '../formatting';
import { formatBytes } from '../sizes';
import type { LibraryContext } from '../useLibraryContext';

interface Props {
  context: LibraryContext;
  entry: LibraryEntry | undefined;
  onClose: () => void;
  onRestored: (entry: LibraryEntry) => void;
}

/** "Versionen": every version with who made it and when; download one, or make an old one current again. */
export function VersionsDialog({ context, entry, onClose, onRestored }: Props) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const locale = i18n.resolvedLanguage ?? 'de';
  const { library, tenantId, roomId } = context;
  const load = useMemo(
    () =>
      library && entry ? (signal: AbortSignal) => library.versions(tenantId, roomId, entry.id, signal) : undefined,
    [library, tenantId, roomId, entry],
  );
  const versions = useLoad(entry?.id ?? '', load);
  const [busyId, setBusyId] = useState<string>();
  const [failure, setFailure] = useState<ApiFailure>();
  const mayRestore = entry !== undefined && can(entry.abilities, 'document.write');

  const restore = (versionId: string, number: number) => {
    if (!library || !entry || busyId) return;
    setBusyId(versionId);
    setFailure(undefined);
    library.restoreVersion(tenantId, roomId, entry.id, versionId).then(
      (restored) => {
        setBusyId(undefined);
        announce(t('documents.versions.restored', { number }));
        versions.reload();
        onRestored(restored);
      },
      (caught: unknown) => {
        setBusyId(undefined);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <ModalDialog
      open={entry !== undefined}
      title={t('documents.versions.title', { name: entry?.name ?? '' })}
      onCancel={onClose}
      busy={busyId !== undefined}
      className="dialog--wide"
    >
      {!versions.data && versions.loading && <Busy message={t('documents.versions.loading')} />}
      {versions.failure && <FailureAlert failure={versions.failure} title={t('documents.versions.loadFailed')} />}
      {failure && <FailureAlert failure={failure} title={t('documents.versions.restoreFailed')} />}
      {versions.data && entry && (
        <div className="table-wrap">
          <table className="table" data-testid="versions-table">
            <caption className="visually-hidden">{t('documents.versions.caption', { name: entry.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('documents.versions.number')}</th>
                <th scope="col">{t('documents.columns.changed')}</th>
                <th scope="col">{t('documents.columns.size')}</th>
                <th scope="col">{t('documents.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((version) => (
                <tr key={version.id}>
                  <th scope="row">
                    {t('documents.versions.label', { number: version.number })}
                    {version.current && <span className="badge badge--success">{t('documents.versions.current')}</span>}
                  </th>
                  <td>
                    {formatWhen(version.createdAt, locale)}
                    <br />
                    <span className="muted">{version.createdBy.name}</span>
                  </td>
                  <td>{formatBytes(version.size, locale)}</td>
                  <td className="row-actions">
                    <a
                      className="button button--small"
                      href={contentUrl(tenantId, roomId, entry.id, version.id)}
                      download
                      aria-label={t('documents.versions.download', { number: version.number })}
                    >
                      {t('documents.actions.download')}
                    </a>
                    {mayRestore && !version.current && (
                      <button
                        type="button"
                        className="button button--small"
                        aria-disabled={busyId !== undefined}
                        aria-label={t('documents.versions.restore', { number: version.number })}
                        onClick={() => restore(version.id, version.number)}
                      >
                        {busyId === version.id ? t('documents.working') : t('documents.versions.restoreShort')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('documents.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
