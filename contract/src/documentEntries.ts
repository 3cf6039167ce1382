import { z } from 'zod';
import { abilities } from './abilities.js';
import { id } from './common.js';

/* A room's document library: folders, files and collaborative text documents, with their versions. */

export const entryKinds = ['folder', 'file', 'text'] as const;
export type EntryKind = (typeof entryKinds)[number];

/** Whether the PDF preview of the current version exists yet. */
export const previewStates = ['none', 'pending', 'ready', 'failed'] as const;
export type PreviewState = (typeof previewStates)[number];

/**
 * The malware scan of a file version: only `none` (not scanned) and `clean` may be downloaded,
 * previewed or opened; `pending` is still being checked, `infected` is quarantined, `failed` could
 * not be checked and stays withheld.
 */
export const scanStates = ['none', 'pending', 'clean', 'infected', 'failed'] as const;
export type ScanState = (typeof scanStates)[number];

/** Someone or something by id and name: who changed an entry, a folder on the path. */
export const personRef = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.output<typeof personRef>;

export const documentEntryOut = z
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
    scan: z.enum(scanStates).describe('The malware scan of the current version'),
    abilities: abilities.describe('document.read, document.write, document.purge'),
  })
  .meta({ id: 'DocumentEntry' });
export type DocumentEntry = z.output<typeof documentEntryOut>;

const documentAbilities = abilities.describe('What the caller may do in the room’s library');

/** One folder's contents, where it is, and what the caller may do there. */
export const documentListing = z.object({
  folder: documentEntryOut.nullable(),
  path: z.array(z.object({ id, name: z.string() })).describe('From the top down to the folder'),
  entries: z.array(documentEntryOut),
  abilities: documentAbilities,
  limits: z.object({ maxUploadBytes: z.number().int() }),
});
export type DocumentListing = z.output<typeof documentListing>;

export const documentTrash = z.object({ entries: z.array(documentEntryOut), abilities: documentAbilities });
export type DocumentTrash = z.output<typeof documentTrash>;

export const documentVersionOut = z
  .object({
    id,
    number: z.number().int(),
    size: z.number().int(),
    contentType: z.string(),
    createdAt: z.string(),
    createdBy: personRef,
    current: z.boolean(),
    scan: z.enum(scanStates),
  })
  .meta({ id: 'DocumentVersion' });
export type DocumentVersion = z.output<typeof documentVersionOut>;

export const documentVersionList = z.object({ versions: z.array(documentVersionOut) });

/** GET …/entries/:entryId/versions/compare: which two versions of a text document. */
export const compareQuery = z.object({ from: id, to: id });

const segment = z.object({ text: z.string(), change: z.enum(['same', 'added', 'removed']) });

/** Two versions of a text document side by side, block by block, the older first. */
export const versionComparison = z
  .object({
    from: z.object({ id, number: z.number().int() }),
    to: z.object({ id, number: z.number().int() }),
    blocks: z.array(
      z.object({
        change: z.enum(['same', 'changed', 'added', 'removed']),
        kind: z.enum(['heading', 'paragraph', 'listItem', 'quote', 'code']),
        level: z.number().int().optional(),
        before: z.array(segment).nullable().describe('The block in the older version; null: only in the newer'),
        after: z.array(segment).nullable().describe('The block in the newer version; null: only in the older'),
      }),
    ),
  })
  .meta({ id: 'VersionComparison' });
export type VersionComparison = z.output<typeof versionComparison>;

export const entryParams = z.object({ tenantId: id, roomId: id, entryId: id });
export const versionParams = z.object({ tenantId: id, roomId: id, entryId: id, versionId: id });

const entryName = z.string().min(1).max(1000).describe('Sanitized on the server (path parts, control characters, …)');

export const folderQuery = z.object({ folder: id.optional().describe('The folder to list') });

/** POST …/documents/folders. */
export const folderIn = z.object({ name: entryName, parentId: id.nullable() }).strict();
export type NewEntry = z.input<typeof folderIn>;

/** PATCH …/entries/:entryId: rename (`name`) and move (`parentId`, null for the top level). */
export const entryChangesIn = z.object({ name: entryName.optional(), parentId: id.nullable().optional() }).strict();
export type EntryChanges = z.input<typeof entryChangesIn>;

/** POST …/documents/files: the file's bytes are the body; where it goes and its name are the query. */
export const uploadQuery = z.object({
  parentId: id.optional().describe('The folder; left out: the top level'),
  name: entryName,
});

export const contentQuery = z.object({
  version: id.optional().describe('A version id; left out: the current version'),
});
