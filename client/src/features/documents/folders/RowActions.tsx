import { can, type DocumentEntry } from '@arbeitsbereich/contract';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { servable } from '../scan';
import { contentUrl } from '../../../lib/api/documents';

export type EntryAction = 'rename' | 'move' | 'versions' | 'share' | 'delete';

interface Props {
  entry: DocumentEntry;
  tenantId: string;
  onAction: (action: EntryAction, entry: DocumentEntry) => void;
}

/**
 * Sharing into the chat: the server's `document.share` when it names it; otherwise the route's
 * own gate, reading the document (the link opens only for those who may read it anyway).
 */
export function mayShare(entry: DocumentEntry): boolean {
  // A file held back by the malware scan is not offered to the chat.
  if (!servable(entry)) return false;
  return 'document.share' in entry.abilities
    ? can(entry.abilities, 'document.share')
    : can(entry.abilities, 'document.read');
}

/** Which actions the server allows on an entry (its abilities), in the order they are offered. */
export function allowedActions(entry: DocumentEntry): EntryAction[] {
  const write = can(entry.abilities, 'document.write');
  const read = can(entry.abilities, 'document.read');
  const actions: EntryAction[] = [];
  if (write) actions.push('rename', 'move');
  if (read && entry.kind !== 'folder') actions.push('versions');
  if (mayShare(entry) && entry.kind !== 'folder') actions.push('share');
  if (write) actions.push('delete');
  return actions;
}

/**
 * "Aktionen" for one row: a disclosure button that shows the allowed actions below it.
 * Escape closes it and returns focus to the button.
 */
export function RowActions({ entry, tenantId, onAction }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const actions = allowedActions(entry);
  const download = entry.kind === 'file' && servable(entry) && can(entry.abilities, 'document.read');

  useEffect(() => {
    if (!open) return undefined;
    panel.current?.querySelector<HTMLElement>('a, button')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !toggle.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (actions.length === 0 && !download) return null;
  const choose = (action: EntryAction) => {
    setOpen(false);
    onAction(action, entry);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div className="row-menu" onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="button button--small"
        aria-expanded={open}
        aria-controls={id}
        aria-label={t('documents.actions.for', { name: entry.name })}
        onClick={() => setOpen((value) => !value)}
      >
        {t('documents.actions.label')}
      </button>
      <div ref={panel} id={id} className="row-menu__panel" hidden={!open}>
        {download && (
          <a
            className="row-menu__item"
            href={contentUrl(tenantId, entry.roomId, entry.id)}
            download
            onClick={() => setOpen(false)}
          >
            {t('documents.actions.download')}
          </a>
        )}
        {actions.map((action) => (
          <button key={action} type="button" className="row-menu__item" onClick={() => choose(action)}>
            {t(`documents.actions.${action}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
