import { z } from 'zod';
import type { EntryView } from '../../commands/library/libraryAccess.js';
import type { LibraryVersion } from '../../domain/library.js';
import { id } from '@arbeitsbereich/contract';

const iso = (ms: number): string => new Date(ms).toISOString();
const abilities = z.record(z.string(), z.boolean()).describe('document.read, document.write, document.purge');
const person = z.object({ id: z.string(), name: z.string() });

export const entryOut = z
  .object({
    id,
    roomId: id,
    parentId: id.nullable(),
    kind: z.enum(['folder', 'file', 'text']),
    name: z.string(),
    size: z.number().int().describe('Bytes of the current version (0 for folders)'),
    contentType: z.string().describe('Recognised from the content, not the uploader’s claim'),
    version: z.number().int().nullable().describe('The current version’s number'),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: person,
    deletedAt: z.string().nullable().describe('In the trash since'),
    preview: z.enum(['none', 'pending', 'ready', 'failed']),
    abilities,
  })
  .meta({ id: 'LibraryEntry' });

export const versionOut = z
  .object({
    id,
    number: z.number().int(),
    size: z.number().int(),
    contentType: z.string(),
    createdAt: z.string(),
    createdBy: person,
    current: z.boolean(),
  })
  .meta({ id: 'LibraryVersion' });

export function presentEntry(v: EntryView): z.output<typeof entryOut> {
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
    deletedAt: e.deletedAt === null ? null : iso(e.deletedAt),
    preview: v.current?.preview ?? 'none',
    abilities: v.abilities,
  };
}

export function presentVersion(v: LibraryVersion, currentId: string | null): z.output<typeof versionOut> {
  return {
    id: v.id,
    number: v.number,
    size: v.size,
    contentType: v.contentType,
    createdAt: iso(v.createdAt),
    createdBy: { id: v.createdBy, name: v.createdByName },
    current: v.id === currentId,
  };
}
