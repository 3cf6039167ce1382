import type { DocumentEntry, DocumentVersion as DocumentVersionOut } from '@arbeitsbereich/contract';
import type { EntryView } from '../../commands/documents/documentAccess.js';
import type { DocumentVersion } from '../../domain/documents.js';

import { iso, isoOrNull } from './presenters.js';
export function presentEntry(v: EntryView): DocumentEntry {
  const e = v.entry;
  return {
    id: e.id,
    roomId: e.roomId,
    parentId: e.parentId,
    kind: e.kind,
    name: e.name,
    size: e.size,
    contentType: e.contentType,
    version: v.current?.number ?? null,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
    updatedBy: { id: e.updatedBy, name: e.updatedByName },
    deletedAt: isoOrNull(e.deletedAt),
    preview: v.current?.preview ?? 'none',
    scan: v.current?.scan ?? 'none',
    abilities: v.abilities,
  };
}

export function presentVersion(v: DocumentVersion, currentId: string | null): DocumentVersionOut {
  return {
    id: v.id,
    number: v.number,
    size: v.size,
    contentType: v.contentType,
    createdAt: iso(v.createdAt),
    createdBy: { id: v.createdBy, name: v.createdByName },
    current: v.id === currentId,
    scan: v.scan,
  };
}
