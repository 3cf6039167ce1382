import { z } from 'zod';
import { abilities } from './abilities.js';
import { id } from './common.js';

/* A room's document library: folders, files and collaborative text documents, with their versions. */

export const entryKinds = ['folder', 'file', 'text'] as const;
export type EntryKind = (typeof entryKinds)[number];

/** Whether the PDF preview of the current version exists yet. */
export const previewStates = ['none', 'pending', 'ready', 'failed'] as const;
export type PreviewState = (typeof previewStates)[number];

/** Someone or something by id and name: who changed an entry, a folder on the path. */
export const personRef = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.output<typeof personRef>;

export const libraryEntryOut = z
  .object({
    id,
    roomId: id,
    parentId: id.nullable(),
    kind: z.enum(entryKinds),
    name: z.string(),
    size: z.number().int().describe('Bytes of the current version (0 for folders)'),
    contentType: z.string().describe('Recognised from the content, not the uploader’s claim'),
    version: z.number().int().nullable().describe('The current version’s number'),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: personRef,
    deletedAt: z.string().nullable().describe('In the trash since'),
    preview: z.enum(previewStates),
    abilities: abilities.describe('document.read, document.write, document.purge'),
  })
  .meta({ id: 'LibraryEntry' });
export type LibraryEntry = z.output<typeof libraryEntryOut>;

const libraryAbilities = abilities.describe('What the caller may do in the room’s library');

/** One folder's contents, where it is, and what the caller may do there. */
export const libraryListing = z.object({
  folder: libraryEntryOut.nullable(),
  path: z.array(z.object({ id, name: z.string() })).describe('From the top down to the folder'),
  entries: z.array(libraryEntryOut),
  abilities: libraryAbilities,
  limits: z.object({ maxUploadBytes: z.number().int() }),
});
export type LibraryListing = z.output<typeof libraryListing>;

export const libraryTrash = z.object({ entries: z.array(libraryEntryOut), abilities: libraryAbilities });
export type LibraryTrash = z.output<typeof libraryTrash>;

export const libraryVersionOut = z
  .object({
    id,
    number: z.number().int(),
    size: z.number().int(),
    contentType: z.string(),
    createdAt: z.string(),
    createdBy: personRef,
    current: z.boolean(),
  })
  .meta({ id: 'LibraryVersion' });
export type LibraryVersion = z.output<typeof libraryVersionOut>;

export const libraryVersionList = z.object({ versions: z.array(libraryVersionOut) });

export const entryParams = z.object({ tenantId: id, roomId: id, entryId: id });
export const versionParams = z.object({ tenantId: id, roomId: id, entryId: id, versionId: id });

const entryName = z.string().min(1).max(1000).describe('Sanitized on the server (path parts, control characters, …)');

export const folderQuery = z.object({ folder: id.optional().describe('The folder to list') });

/** POST …/library/folders. */
export const folderIn = z.object({ name: entryName, parentId: id.nullable() }).strict();
export type NewEntry = z.input<typeof folderIn>;

/** PATCH …/entries/:entryId: rename (`name`) and move (`parentId`, null for the top level). */
export const entryChangesIn = z.object({ name: entryName.optional(), parentId: id.nullable().optional() }).strict();
export type EntryChanges = z.input<typeof entryChangesIn>;

/** POST …/library/files: the file's bytes are the body; where it goes and its name are the query. */
export const uploadQuery = z.object({
  parentId: id.optional().describe('The folder; left out: the top level'),
  name: entryName,
});

export const contentQuery = z.object({
  version: id.optional().describe('A version id; left out: the current version'),
});
