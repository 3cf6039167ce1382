import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { type DocumentEntry } from '@arbeitsbereich/contract';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { ModalDialog } from '../../../lib/ui/ModalDialog';
import type { DocumentsContext } from '../useDocumentsContext';
import { type TreeFolder, folderTree } from './folderTree';
import { DialogFormActions } from '../../../lib/ui/FormActions';

/** More folders than this are not walked; the dialog says the list is cut short. */
const MAX_FOLDERS = 500;

/** Every folder of the library, walked level by level through the listing route. */
async function loadFolders(
  context: DocumentsContext,
  signal: AbortSignal,
): Promise<{ folders: DocumentEntry[]; cut: boolean }> {
  const documents = context.documents;
  if (!documents) return { folders: [], cut: false };
  const folders: DocumentEntry[] = [];
  let level: (string | null)[] = [null];
  while (level.length > 0 && folders.length < MAX_FOLDERS) {
    const listings = await Promise.all(
      level.map((folderId) => documents.list(context.tenantId, context.roomId, folderId, signal)),
    );
    const found = listings.flatMap((listing) => listing.entries.filter((entry) => entry.kind === 'folder'));
    folders.push(...found);
    level = found.map((folder) => folder.id);
  }
  return { folders, cut: level.length > 0 };
}

/** How far a folder stands in from its parent in the tree. */
const INDENT_REM = 1.25;

interface Props {
  context: DocumentsContext;
  entry: DocumentEntry | undefined;
  onClose: () => void;
  onMoved: (entry: DocumentEntry) => void;
}

const TOP = '';

/** "Verschieben": the folder tree as radio buttons; the entry's own subtree is not offered. */
export function MoveDialog({ context, entry, onClose, onMoved }: Props) {
  const { t, i18n } = useTranslation();
  const [tree, setTree] = useState<TreeFolder[]>();
  const [cut, setCut] = useState(false);
  const [target, setTarget] = useState(TOP);
  const [failure, setFailure] = useState<ApiFailure>();
  const [loadFailure, setLoadFailure] = useState<ApiFailure>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!entry) return undefined;
    setTree(undefined);
    setFailure(undefined);
    setLoadFailure(undefined);
    setTarget(entry.parentId ?? TOP);
    const controller = new AbortController();
    loadFolders(context, controller.signal).then(
      (loaded) => {
        if (controller.signal.aborted) return;
        setTree(folderTree(loaded.folders, entry.id, i18n.resolvedLanguage ?? 'de'));
        setCut(loaded.cut);
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) setLoadFailure(toApiFailure(caught));
      },
    );
    return () => controller.abort();
  }, [context, entry, i18n.resolvedLanguage]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!entry || !context.documents || busy) return;
    const parentId = target === TOP ? null : target;
    if (parentId === entry.parentId) {
      onClose();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    context.documents.update(context.tenantId, context.roomId, entry.id, { parentId }).then(
      (moved) => {
        setBusy(false);
        onMoved(moved);
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <ModalDialog
      open={entry !== undefined}
      title={t('documents.move.title', { name: entry?.name ?? '' })}
      onCancel={onClose}
      busy={busy}
    >
      <form className="form" onSubmit={submit}>
        {!tree && !loadFailure && <Busy message={t('documents.move.loading')} />}
        {loadFailure && <FailureAlert failure={loadFailure} title={t('documents.move.loadFailed')} />}
        {tree && (
          <fieldset className="folder-tree">
            <legend>{t('documents.move.target')}</legend>
            <div className="folder-tree__option">
              <input
                type="radio"
                id="move-target-top"
                name="move-target"
                checked={target === TOP}
                onChange={() => setTarget(TOP)}
              />
              <label htmlFor="move-target-top">{t('documents.move.top')}</label>
            </div>
            {tree.map((folder) => (
              <div
                key={folder.id}
                className="folder-tree__option"
                style={{ paddingLeft: `${INDENT_REM * Math.min(folder.depth + 1, 6)}rem` }}
              >
                <input
                  type="radio"
                  id={`move-target-${folder.id}`}
                  name="move-target"
                  checked={target === folder.id}
                  onChange={() => setTarget(folder.id)}
                />
                <label htmlFor={`move-target-${folder.id}`}>{folder.name}</label>
              </div>
            ))}
            {cut && <p className="field__hint">{t('documents.move.cut')}</p>}
          </fieldset>
        )}
        {failure && <FailureAlert failure={failure} title={t('documents.move.failed')} />}
        <DialogFormActions
          busy={busy}
          unavailable={busy || !tree}
          label={t('documents.move.submit')}
          busyLabel={t('documents.working')}
          cancelLabel={t('documents.cancel')}
          onCancel={onClose}
        />
      </form>
    </ModalDialog>
  );
}
