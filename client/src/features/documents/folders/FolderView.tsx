import { can, type DocumentEntry } from '@arbeitsbereich/contract';
import { type DragEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiFailure } from '../../../lib/api/http';
import { useLoad } from '../../../lib/api/useLoad';
import { useRealtimeSignal } from '../../../lib/realtime/context';
import { Link } from '../../../lib/router/Link';
import { useRouter } from '../../../lib/router/context';
import { paths } from '../../../lib/router/paths';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { failureText } from '../../../lib/ui/failureText';
import { VersionsDialog } from '../entry/VersionsDialog';
import { renameSelection } from '../names';
import { formatBytes } from '../sizes';
import { UploadAnnouncer, UploadQueueView } from '../upload/UploadQueueView';
import { useUploads } from '../upload/useUploads';
import type { DocumentsContext } from '../useDocumentsContext';
import { Breadcrumbs } from './Breadcrumbs';
import { EntryTable } from './EntryTable';
import { MoveDialog } from './MoveDialog';
import { NameDialog } from './NameDialog';
import type { EntryAction } from './RowActions';

type Dialog =
  | { kind: 'newFolder' }
  | { kind: 'newText' }
  | { kind: 'rename'; entry: DocumentEntry }
  | { kind: 'move'; entry: DocumentEntry }
  | { kind: 'versions'; entry: DocumentEntry };

/** One folder of the room's library: its contents, uploads by picking or dropping, and what may be done. */
export function FolderView({ context, folderId }: { context: DocumentsContext; folderId: string | null }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const { navigate } = useRouter();
  const { documents, tenantId, roomId } = context;
  const load = useMemo(
    () => (documents ? (signal: AbortSignal) => documents.list(tenantId, roomId, folderId, signal) : undefined),
    [documents, tenantId, roomId, folderId],
  );
  const listing = useLoad(`${roomId}|${folderId ?? ''}`, load);
  const { reload } = listing;
  useRealtimeSignal((signal) => {
    if (signal.type === 'reconnected' || (signal.tenantId === tenantId && signal.roomId === roomId)) reload();
  });
  const data = listing.data;
  const maxBytes = data?.limits.maxUploadBytes ?? null;
  const uploads = useUploads(context, folderId, maxBytes, reload);
  const [dialog, setDialog] = useState<Dialog>();
  const [dragging, setDragging] = useState(false);
  const close = useCallback(() => setDialog(undefined), []);
  const mayWrite = data !== undefined && can(data.abilities, 'document.write');
  const folderName = data?.folder?.name ?? t('documents.title');
  const locale = i18n.resolvedLanguage ?? 'de';

  const onAction = (action: EntryAction, entry: DocumentEntry) => {
    if (!documents) return;
    if (action === 'rename' || action === 'move' || action === 'versions') {
      setDialog({ kind: action, entry });
      return;
    }
    if (action === 'share') {
      documents.share(tenantId, roomId, entry.id).then(
        () => announce(t('documents.share.done', { name: entry.name })),
        (caught: unknown) => {
          const text = failureText(toApiFailure(caught));
          announce(`${t('documents.share.failed', { name: entry.name })} ${t(text.key, text.values)}`, 'problem');
        },
      );
      return;
    }
    documents.remove(tenantId, roomId, entry.id).then(
      () => {
        announce(t('documents.trash.moved', { name: entry.name }));
        reload();
      },
      () => announce(t('documents.trash.moveFailed', { name: entry.name }), 'problem'),
    );
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!mayWrite) return;
    uploads.add([...event.dataTransfer.files]);
  };

  return (
    <div className="library">
      <div className="library__head">
        <Breadcrumbs roomId={roomId} path={data?.path ?? []} />
        <div className="toolbar library__toolbar">
          {mayWrite && (
            <>
              <span className="file-pick">
                <input
                  id="library-files"
                  className="file-pick__input"
                  type="file"
                  multiple
                  onChange={(event) => {
                    uploads.add([...(event.target.files ?? [])]);
                    event.target.value = '';
                  }}
                />
                <label htmlFor="library-files" className="button button--primary file-pick__label">
                  {t('documents.upload.pick')}
                </label>
              </span>
              <button type="button" className="button" onClick={() => setDialog({ kind: 'newFolder' })}>
                {t('documents.newFolder.open')}
              </button>
              <button type="button" className="button" onClick={() => setDialog({ kind: 'newText' })}>
                {t('documents.newText.open')}
              </button>
            </>
          )}
          <Link to={paths.documentsTrash(roomId)} className="button">
            {t('documents.trash.open')}
          </Link>
        </div>
      </div>
      {mayWrite && (
        <p className="field__hint">
          {maxBytes === null
            ? t('documents.upload.hint')
            : t('documents.upload.hintLimit', { max: formatBytes(maxBytes, locale) })}
        </p>
      )}
      <UploadAnnouncer message={uploads.message} />
      <UploadQueueView uploads={uploads} />
      <div
        className={`drop-zone${dragging ? ' drop-zone--active' : ''}${mayWrite ? '' : ' drop-zone--off'}`}
        data-testid="drop-zone"
        onDragOver={(event) => {
          if (!mayWrite) return;
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {mayWrite && (
          <p className="drop-zone__hint" aria-hidden="true">
            {t('documents.upload.drop')}
          </p>
        )}
        {!data && listing.loading && <Busy message={t('documents.loading')} />}
        {listing.failure && <FailureAlert failure={listing.failure} title={t('documents.loadFailed')} />}
        {data && data.entries.length === 0 && (
          <p className="empty-state" data-testid="library-empty">
            {data.folder ? t('documents.emptyFolder') : t('documents.empty')}
          </p>
        )}
        {data && data.entries.length > 0 && (
          <EntryTable
            entries={data.entries}
            tenantId={tenantId}
            caption={t('documents.tableCaption', { name: folderName })}
            onAction={onAction}
          />
        )}
      </div>

      <NameDialog
        open={dialog?.kind === 'newFolder'}
        purpose="newFolder"
        initial=""
        onClose={close}
        onSubmit={async (name) => {
          if (!documents) return;
          const folder = await documents.createFolder(tenantId, roomId, { name, parentId: folderId });
          announce(t('documents.newFolder.done', { name: folder.name }));
          reload();
        }}
      />
      <NameDialog
        open={dialog?.kind === 'newText'}
        purpose="newText"
        initial={t('documents.newText.initial')}
        onClose={close}
        onSubmit={async (name) => {
          if (!documents) return;
          const text = await documents.createText(tenantId, roomId, { name, parentId: folderId });
          announce(t('documents.newText.done', { name: text.name }));
          navigate(paths.document(roomId, text.id));
        }}
      />
      <NameDialog
        open={dialog?.kind === 'rename'}
        purpose="rename"
        initial={dialog?.kind === 'rename' ? dialog.entry.name : ''}
        selection={
          dialog?.kind === 'rename' ? renameSelection(dialog.entry.name, dialog.entry.kind === 'folder') : undefined
        }
        onClose={close}
        onSubmit={async (name) => {
          if (!documents || dialog?.kind !== 'rename') return;
          const renamed = await documents.update(tenantId, roomId, dialog.entry.id, { name });
          announce(t('documents.rename.done', { name: renamed.name }));
          reload();
        }}
      />
      <MoveDialog
        context={context}
        entry={dialog?.kind === 'move' ? dialog.entry : undefined}
        onClose={close}
        onMoved={(moved) => {
          close();
          announce(t('documents.move.done', { name: moved.name }));
          reload();
        }}
      />
      <VersionsDialog
        context={context}
        entry={dialog?.kind === 'versions' ? dialog.entry : undefined}
        onClose={close}
        onRestored={() => reload()}
      />
    </div>
  );
}
