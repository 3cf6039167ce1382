import { type Room } from '@arbeitsbereich/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '../../lib/router/context';
import { type DocumentsView, documentsViewOf } from '../../lib/router/paths';
import { EntryView } from './entry/EntryView';
import { FolderView } from './folders/FolderView';
import { TrashView } from './folders/TrashView';
import { useDocumentsContext } from './useDocumentsContext';
import './documents.css';

const TOP: DocumentsView = { kind: 'folder', folderId: null };

function viewKey(view: DocumentsView): string {
  if (view.kind === 'folder') return `folder:${view.folderId ?? ''}`;
  return view.kind === 'entry' ? `entry:${view.entryId}` : 'trash';
}

/**
 * The "Dokumente" face of a room. Which part it shows comes from the address
 * (/rooms/:id/documents[/folder/:folderId | /trash | /:entryId]); while another face's
 * address is shown, it keeps the last one.
 */
export default function DocumentsPanel({ room }: { room: Room }) {
  const { t } = useTranslation();
  const { location } = useRouter();
  const context = useDocumentsContext(room);
  const fromAddress = documentsViewOf(location.pathname);
  const [remembered, setRemembered] = useState<DocumentsView>(fromAddress ?? TOP);
  if (fromAddress && viewKey(fromAddress) !== viewKey(remembered)) setRemembered(fromAddress);
  const view = fromAddress ?? remembered;

  return (
    <section className="documents" aria-labelledby="documents-heading">
      <h2 id="documents-heading" className="visually-hidden">
        {t('rooms.faces.documents')}
      </h2>
      {view.kind === 'folder' && <FolderView key={viewKey(view)} context={context} folderId={view.folderId} />}
      {view.kind === 'trash' && <TrashView context={context} />}
      {view.kind === 'entry' && <EntryView key={view.entryId} context={context} entryId={view.entryId} />}
    </section>
  );
}
