import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type HocuspocusProvider, closeCollabDocument, openCollabDocument } from '../../../lib/api/collab';
import { Link } from '../../../lib/router/Link';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { type ConnectionState, afterStatus, closeOutcome, colourFor, isFinal, presentNames } from './connection';
import { Presence } from './Presence';
import { Toolbar } from './Toolbar';
import './editor.css';

export interface EditorPerson {
  id: string;
  name: string;
}

interface Props {
  entryId: string;
  /** The document's name, for the editing area's label. */
  name: string;
  /** From the entry's abilities (document.write); the server enforces it on the connection too. */
  canWrite: boolean;
  person: EditorPerson;
  /** Where "Zurück zu den Dokumenten" leads when access ended. */
  backTo: string;
}

function StatusLine({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  return (
    <p className={`editor-status editor-status--${state}`} role="status" data-testid="editor-status">
      <span className="editor-status__dot" aria-hidden="true" />
      {t(`documents.editor.state.${state}`)}
    </p>
  );
}

function Surface(props: Props & { provider: HocuspocusProvider; state: ConnectionState; writable: boolean }) {
  const { t } = useTranslation();
  const { provider, person, name, writable, state } = props;
  const [others, setOthers] = useState<string[]>([]);
  const editable = writable && !isFinal(state);
  const editor = useEditor(
    {
      editable,
      extensions: [
        // Yjs keeps the history per person; StarterKit's own undo would undo other people's edits.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: provider.document }),
        CollaborationCaret.configure({
          provider,
          user: { id: person.id, name: person.name, color: colourFor(person.id) },
        }),
      ],
      editorProps: {
        attributes: {
          class: 'editor-content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('documents.editor.area', { name }),
          'data-testid': 'document-editor',
        },
      },
    },
    [provider],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    const awareness = provider.awareness;
    if (!awareness) return undefined;
    const update = () => {
      const states = [...awareness.getStates().entries()].map(([clientId, value]) => ({
        clientId,
        ...(value as { user?: { id?: unknown; name?: unknown } }),
      }));
      setOthers(presentNames(states, provider.document.clientID));
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [provider]);

  return (
    <>
      <div className="editor-bar">
        <StatusLine state={state} />
        <Presence others={others} />
      </div>
      {!writable && !isFinal(state) && (
        <p className="alert" data-testid="editor-read-only">
          {t('documents.editor.readOnly')}
        </p>
      )}
      {editor && editable && <Toolbar editor={editor} />}
      <div className={`editor-page${editable ? '' : ' editor-page--read-only'}`}>
        <EditorContent editor={editor} />
      </div>
    </>
  );
}

/**
 * A text document edited by several people at once: Yjs over the collaboration server
 * (Hocuspocus), TipTap on top. Offline edits stay in the page and are merged on reconnect;
 * an ended access stops the connection for good and says so.
 */
export default function DocumentEditor(props: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { entryId, canWrite, backTo } = props;
  const [provider, setProvider] = useState<HocuspocusProvider>();
  const [state, setState] = useState<ConnectionState>('connecting');
  const [scope, setScope] = useState<'read-write' | 'readonly'>();
  /** Whether the document ever arrived: a refusal before that means no access at all. */
  const synced = useRef(false);

  useEffect(() => {
    let ended = false;
    synced.current = false;
    const end = (opened: HocuspocusProvider, why: 'access' | 'too-large' = 'access') => {
      if (ended) return;
      ended = true;
      setState(why === 'too-large' ? 'tooLarge' : synced.current ? 'revoked' : 'denied');
      // Asynchronously: the provider is in the middle of dispatching this very event.
      window.setTimeout(() => closeCollabDocument(opened), 0);
    };
    const opened = openCollabDocument(entryId, {
      onStatus: (status) => setState((current) => afterStatus(current, status)),
      onSynced: () => {
        synced.current = true;
        setState((current) => afterStatus(current, 'connected'));
      },
      onAuthenticated: (granted) => setScope(granted),
      onAuthenticationFailed: () => end(opened),
      onClose: (event) => {
        const outcome = closeOutcome(event);
        if (outcome === 'revoked') end(opened);
        if (outcome === 'too-large') end(opened, 'too-large');
      },
    });
    setProvider(opened);
    return () => {
      ended = true;
      closeCollabDocument(opened);
    };
  }, [entryId]);

  useEffect(() => {
    if (state === 'revoked') announce(t('documents.editor.revoked'), 'problem');
    if (state === 'tooLarge') announce(t('documents.editor.tooLarge'), 'problem');
  }, [state, announce, t]);

  const writable = canWrite && scope !== 'readonly';
  return (
    <div className="document-editor">
      {isFinal(state) && (
        <div className="alert alert--problem" role="alert" data-testid="editor-access-ended">
          <p className="alert__title">
            {state === 'revoked'
              ? t('documents.editor.revoked')
              : state === 'tooLarge'
                ? t('documents.editor.tooLarge')
                : t('documents.editor.denied')}
          </p>
          <p>{t('documents.editor.endedHint')}</p>
          <p>
            <Link to={backTo} className="button">
              {t('documents.editor.backToDocuments')}
            </Link>
          </p>
        </div>
      )}
      {provider && <Surface {...props} provider={provider} state={state} writable={writable} />}
    </div>
  );
}
