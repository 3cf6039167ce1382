import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { type KeyboardEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Action {
  id: string;
  /** Short visible mark (translated for bold and italic: F/K, B/I); the full name is the button's label. */
  mark?: string;
  isActive: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

const ACTIONS: readonly Action[] = [
  { id: 'bold', isActive: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { id: 'italic', isActive: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  {
    id: 'heading1',
    mark: 'H1',
    isActive: (e) => e.isActive('heading', { level: 1 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 1 }).run(),
  },
  {
    id: 'heading2',
    mark: 'H2',
    isActive: (e) => e.isActive('heading', { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    id: 'bulletList',
    mark: '•',
    isActive: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    id: 'orderedList',
    mark: '1.',
    isActive: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    id: 'blockquote',
    mark: '„',
    isActive: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
];

/**
 * Formatting as a WAI-ARIA toolbar: one Tab stop, arrow keys move between the buttons,
 * each button says whether its format is on (aria-pressed).
 */
export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ACTIONS.map((action) => action.isActive(current)),
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = buttons.current.findIndex((button) => button === document.activeElement);
    if (current < 0) return;
    let next: number | undefined;
    if (event.key === 'ArrowRight') next = (current + 1) % ACTIONS.length;
    else if (event.key === 'ArrowLeft') next = (current - 1 + ACTIONS.length) % ACTIONS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = ACTIONS.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    for (const [index, button] of buttons.current.entries())
      button?.setAttribute('tabindex', index === next ? '0' : '-1');
    buttons.current[next]?.focus();
  };

  return (
    <div role="toolbar" aria-label={t('documents.editor.toolbar')} className="editor-toolbar" onKeyDown={onKeyDown}>
      {ACTIONS.map((action, index) => (
        <button
          key={action.id}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          className={`editor-toolbar__button editor-toolbar__button--${action.id}`}
          aria-pressed={active[index] === true}
          aria-label={t(`documents.editor.format.${action.id}`)}
          title={t(`documents.editor.format.${action.id}`)}
          tabIndex={index === 0 ? 0 : -1}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => action.run(editor)}
        >
          <span aria-hidden="true">{action.mark ?? t(`documents.editor.mark.${action.id}`)}</span>
        </button>
      ))}
    </div>
  );
}
