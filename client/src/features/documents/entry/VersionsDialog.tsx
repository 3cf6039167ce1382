import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { type DocumentEntry } from '@arbeitsbereich/contract';
import { contentUrl } from '../../../lib/api/documents';
import { useLoad } from '../../../lib/api/useLoad';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { ModalDialog } from '../../../lib/ui/ModalDialog';
import { ChangedBy } from '../EntryCells';
import { ScanBadge, servable } from '../scan';
import { formatBytes } from '../sizes';
import type { DocumentsContext } from '../useDocumentsContext';
import { VersionCompare } from './VersionCompare';
import { versionsOffer } from './versionActions';

interface Props {
  context: DocumentsContext;
  entry: DocumentEntry | undefined;
  onClose: () => void;
  onRestored: (entry: DocumentEntry) => void;
}

/**
 * "Versionen": every version with who made it and when; download one (files),
 * save the current state (text documents), or make an old one current again.
 */
export function VersionsDialog({ context, entry, onClose, onRestored }: Props) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const locale = i18n.resolvedLanguage ?? 'de';
  const { documents, tenantId, roomId } = context;
  const load = useMemo(
    () =>
      documents && entry ? (signal: AbortSignal) => documents.versions(tenantId, roomId, entry.id, signal) : undefined,
    [documents, tenantId, roomId, entry],
  );
  const versions = useLoad(entry?.id ?? '', load);
  const [busyId, setBusyId] = useState<string>();
  const [failure, setFailure] = useState<ApiFailure>();
  const [saving, setSaving] = useState(false);
  const [failedTo, setFailedTo] = useState<'save' | 'restore'>('restore');
  /** The older version being compared with the current one. */
  const [comparing, setComparing] = useState<string>();
  const current = versions.data?.find((v) => v.current);
  const offer = entry ? versionsOffer(entry) : undefined;

  /** After saving or restoring: `done` clears the busy state; success is announced, failure shown. */
  const settle = (
    what: 'save' | 'restore',
    request: Promise<DocumentEntry>,
    done: () => void,
    said: (changed: DocumentEntry) => string,
  ) => {
    setFailure(undefined);
    request.then(
      (changed) => {
        done();
        announce(said(changed));
        versions.reload();
        onRestored(changed);
      },
      (caught: unknown) => {
        done();
        setFailedTo(what);
        setFailure(toApiFailure(caught));
      },
    );
  };

  const save = () => {
    if (!documents || !entry || saving || busyId) return;
    setSaving(true);
    settle(
      'save',
      documents.saveVersion(tenantId, roomId, entry.id),
      () => setSaving(false),
      (saved) => t('documents.versions.saved', { number: saved.version ?? '' }),
    );
  };

  const restore = (versionId: string, number: number) => {
    if (!documents || !entry || busyId || saving) return;
    setBusyId(versionId);
    settle(
      'restore',
      documents.restoreVersion(tenantId, roomId, entry.id, versionId),
      () => setBusyId(undefined),
      () => t('documents.versions.restored', { number }),
    );
  };

  return (
    <ModalDialog
      open={entry !== undefined}
      title={t('documents.versions.title', { name: entry?.name ?? '' })}
      onCancel={onClose}
      busy={busyId !== undefined || saving}
      className="dialog--wide"
    >
      {!versions.data && versions.loading && <Busy message={t('documents.versions.loading')} />}
      {versions.failure && <FailureAlert failure={versions.failure} title={t('documents.versions.loadFailed')} />}
      {failure && (
        <FailureAlert
          failure={failure}
          title={failedTo === 'save' ? t('documents.versions.saveFailed') : t('documents.versions.restoreFailed')}
        />
      )}
      {offer?.save && !comparing && (
        <p>
          <button
            type="button"
            className="button button--primary"
            aria-disabled={saving || busyId !== undefined}
            onClick={save}
          >
            {saving ? t('documents.working') : t('documents.versions.save')}
          </button>{' '}
          <span className="muted">{t('documents.versions.saveHint')}</span>
        </p>
      )}
      {versions.data && versions.data.length === 0 && <p className="muted">{t('documents.versions.none')}</p>}
      {comparing && current && entry && (
        <VersionCompare
          context={context}
          entryId={entry.id}
          from={comparing}
          to={current.id}
          onBack={() => setComparing(undefined)}
        />
      )}
      {!comparing && versions.data && versions.data.length > 0 && entry && offer && (
        <div className="table-wrap">
          <table className="table" data-testid="versions-table">
            <caption className="visually-hidden">{t('documents.versions.caption', { name: entry.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('documents.versions.number')}</th>
                <th scope="col">{t('documents.columns.changed')}</th>
                {offer.sizes && <th scope="col">{t('documents.columns.size')}</th>}
                <th scope="col">{t('documents.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((version) => {
                const actions = offer.actions(version);
                return (
                  <tr key={version.id}>
                    <th scope="row">
                      {t('documents.versions.label', { number: version.number })}
                      {version.current && (
                        <span className="badge badge--success">{t('documents.versions.current')}</span>
                      )}{' '}
                      <ScanBadge entry={{ kind: entry.kind, scan: version.scan }} />
                    </th>
                    <td>
                      <ChangedBy at={version.createdAt} by={version.createdBy} locale={locale} />
                    </td>
                    {offer.sizes && <td>{formatBytes(version.size, locale)}</td>}
                    <td className="row-actions">
                      {actions.download && servable(version) && (
                        <a
                          className="button button--small"
                          href={contentUrl(tenantId, roomId, entry.id, version.id)}
                          download
                          aria-label={t('documents.versions.download', { number: version.number })}
                        >
                          {t('documents.actions.download')}
                        </a>
                      )}
                      {actions.compare && (
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('documents.compare.open', { number: version.number })}
                          onClick={() => setComparing(version.id)}
                        >
                          {t('documents.compare.openShort')}
                        </button>
                      )}
                      {actions.restore && (
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
                );
              })}
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
