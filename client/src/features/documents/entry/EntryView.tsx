import { can, exportFormats, type DocumentEntry } from '@arbeitsbereich/contract';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { contentUrl, exportUrl } from '../../../lib/api/documents';
import { useLoad } from '../../../lib/api/useLoad';
import { useRealtimeSignal } from '../../../lib/realtime/context';
import { Link } from '../../../lib/router/Link';
import { paths } from '../../../lib/router/paths';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { failureText } from '../../../lib/ui/failureText';
import { formatWhen } from '../formatting';
import { ScanNotice, servable } from '../scan';
import { KindIcon } from '../KindIcon';
import { mayShare } from '../folders/RowActions';
import { formatBytes } from '../sizes';
import type { DocumentsContext } from '../useDocumentsContext';
import { Preview } from './Preview';
import { VersionsDialog } from './VersionsDialog';

// The editor (TipTap, Yjs, the collaboration provider) is large: it loads when a text document opens.
const DocumentEditor = lazy(() => import('../editor/DocumentEditor'));

const POLL_PREVIEW_MS = 2000;

function isNoAccess(failure: ApiFailure): boolean {
  return failure.kind === 'http' && (failure.status === 403 || failure.status === 404);
}

function ExportMenu({ context, entry }: { context: DocumentsContext; entry: DocumentEntry }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="row-menu" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls="export-menu"
        onClick={() => setOpen((value) => !value)}
      >
        {t('documents.export.open')}
      </button>
      <div id="export-menu" className="row-menu__panel" hidden={!open}>
        {exportFormats.map((format) => (
          <a
            key={format}
            className="row-menu__item"
            href={exportUrl(context.tenantId, context.roomId, entry.id, format)}
            download
            onClick={() => setOpen(false)}
          >
            {t(`documents.export.${format}`)}
          </a>
        ))}
      </div>
    </div>
  );
}

/** One document or file: the collaborative editor for text, details, preview and versions for files. */
export function EntryView({ context, entryId }: { context: DocumentsContext; entryId: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const locale = i18n.resolvedLanguage ?? 'de';
  const { documents, tenantId, roomId } = context;
  const load = useMemo(
    () => (documents ? (signal: AbortSignal) => documents.get(tenantId, roomId, entryId, signal) : undefined),
    [documents, tenantId, roomId, entryId],
  );
  const loaded = useLoad(`${roomId}|${entryId}`, load);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const entry = loaded.data;
  const { reload } = loaded;

  // The server tells the room when a scan or a preview is done; the poll below stands in while
  // the live connection is down. Only a file waiting for its scan or its preview loads again.
  const waiting = entry?.scan === 'pending' || entry?.preview === 'pending';
  useRealtimeSignal((signal) => {
    if (!waiting) return;
    if (signal.type === 'reconnected' || (signal.tenantId === tenantId && signal.roomId === roomId)) reload();
  });
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = window.setInterval(reload, POLL_PREVIEW_MS);
    return () => window.clearInterval(timer);
  }, [waiting, reload]);

  if (!entry) {
    return (
      <div className="library library--entry">
        {loaded.loading && <Busy message={t('documents.entry.loading')} />}
        {loaded.failure &&
          (isNoAccess(loaded.failure) ? (
            <div className="alert" data-testid="entry-no-access">
              <p className="alert__title">{t('documents.entry.noAccess')}</p>
              <p>{t('documents.entry.noAccessHint')}</p>
            </div>
          ) : (
            <FailureAlert failure={loaded.failure} title={t('documents.entry.loadFailed')} />
          ))}
        <p>
          <Link to={paths.documents(roomId)} className="button">
            {t('documents.backToDocuments')}
          </Link>
        </p>
      </div>
    );
  }

  const share = () => {
    documents?.share(tenantId, roomId, entry.id).then(
      () => announce(t('documents.share.done', { name: entry.name })),
      (caught: unknown) => {
        const text = failureText(toApiFailure(caught));
        announce(`${t('documents.share.failed', { name: entry.name })} ${t(text.key, text.values)}`, 'problem');
      },
    );
  };
  const back = entry.parentId ? paths.documentsFolder(roomId, entry.parentId) : paths.documents(roomId);

  return (
    <article className="library library--entry" aria-labelledby="entry-heading">
      <p className="entry__back">
        <Link to={back}>{t('documents.backToDocuments')}</Link>
      </p>
      <header className="entry__header">
        <h3 id="entry-heading" className="entry__title">
          <KindIcon entry={entry} /> {entry.name}
        </h3>
        <div className="toolbar entry__actions">
          {entry.kind === 'file' && servable(entry) && (
            <a className="button button--primary" href={contentUrl(tenantId, roomId, entry.id)} download>
              {t('documents.actions.download')}
            </a>
          )}
          {entry.kind === 'text' && <ExportMenu context={context} entry={entry} />}
          <button type="button" className="button" onClick={() => setVersionsOpen(true)}>
            {t('documents.actions.versions')}
          </button>
          {mayShare(entry) && (
            <button type="button" className="button" onClick={share}>
              {t('documents.actions.share')}
            </button>
          )}
        </div>
      </header>
      <p className="entry__facts muted">
        {entry.kind === 'file' && <>{formatBytes(entry.size, locale)} · </>}
        {entry.version !== null && <>{t('documents.versions.label', { number: entry.version })} · </>}
        {t('documents.entry.changed', { when: formatWhen(entry.updatedAt, locale), name: entry.updatedBy.name })}
      </p>
      {entry.kind === 'text' && (
        <Suspense fallback={<Busy message={t('documents.editor.loading')} />}>
          <DocumentEditor
            entryId={entry.id}
            name={entry.name}
            canWrite={can(entry.abilities, 'document.write')}
            person={context.person}
            backTo={paths.documents(roomId)}
          />
        </Suspense>
      )}
      <ScanNotice entry={entry} />
      {entry.kind === 'file' && servable(entry) && <Preview context={context} entry={entry} />}
      <VersionsDialog
        context={context}
        entry={versionsOpen ? entry : undefined}
        onClose={() => setVersionsOpen(false)}
        onRestored={(restored) => loaded.update(() => restored)}
      />
    </article>
  );
}
