import type { Request } from 'express';
import {
  createFolder,
  deleteEntry,
  purgeEntry,
  restoreEntry,
  updateEntry,
} from '../../commands/documents/entryCommands.js';
import type { DocumentsDeps } from '../../commands/documents/documentAccess.js';
import {
  getEntry,
  listFolder,
  listTrash,
  listVersions,
  openContent,
} from '../../commands/documents/documentQueries.js';
import { compareTextVersions, saveTextVersion } from '../../commands/documents/textVersions.js';
import { restoreVersion, uploadFile } from '../../commands/documents/upload.js';
import { sendFile } from '../fileResponse.js';
import { route } from './apiRoute.js';
import { presentEntry, presentVersion } from './documentPresenters.js';
import {
  contentQuery,
  entryChangesIn,
  entryParams,
  folderIn,
  folderQuery,
  documentEntryOut as entryOut,
  documentListing,
  documentTrash,
  compareQuery,
  documentVersionList,
  versionComparison,
  roomParams,
  uploadQuery,
  versionParams,
} from '@arbeitsbereich/contract';
import { contextOf } from './commandContext.js';

const base = '/tenants/:tenantId/rooms/:roomId/documents';

const notFound = { description: 'No such room, document or folder (or not visible to the caller)' };
const conflicted = { description: 'A name already taken, a folder moved into itself, or the document in the trash' };
const noStorage = { description: 'No file storage (or, for text documents, no live editing) is configured' };
const tooLarge = {
  description: 'Larger than the tenant’s limit: `type` ends in file-too-large, `maxBytes` is the limit',
};

const discardBytes = 16 * 1024 * 1024;

/**
 * Reads and drops what is left of a refused upload, so the client, still
 * sending, gets to read the answer; past 16 MB the connection is cut instead.
 */
function discardRest(req: Request): void {
  let dropped = 0;
  req.unpipe();
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > discardBytes) req.destroy();
  });
  req.resume();
}

export function documentRoutes(deps: DocumentsDeps) {
  return [
    route({
      method: 'get',
      path: base,
      operationId: 'listDocumentFolder',
      summary: 'A folder of the room’s documents (the top level without `folder`), with its path',
      tag: 'documents',
      params: roomParams,
      query: folderQuery,
      responses: {
        200: { description: 'The folder', schema: documentListing },
        404: notFound,
        409: conflicted,
      },
      handler: async (input) => {
        const { tenantId, roomId } = input.params;
        const l = await listFolder(deps, contextOf(input), tenantId, roomId, input.query.folder ?? null);
        return {
          body: {
            folder: l.folder ? presentEntry(l.folder) : null,
            path: l.path,
            entries: l.entries.map(presentEntry),
            abilities: l.abilities,
            limits: l.limits,
          },
        };
      },
    }),
    route({
      method: 'get',
      path: `${base}/trash`,
      operationId: 'listDocumentTrash',
      summary: 'What was deleted in the room’s library, newest first',
      tag: 'documents',
      params: roomParams,
      responses: {
        200: { description: 'The trash', schema: documentTrash },
        404: notFound,
      },
      handler: async (input) => {
        const t = await listTrash(deps, contextOf(input), input.params.tenantId, input.params.roomId);
        return { body: { entries: t.entries.map(presentEntry), abilities: t.abilities } };
      },
    }),
    route({
      method: 'post',
      path: `${base}/folders`,
      operationId: 'createDocumentFolder',
      summary: 'A new folder (audited)',
      tag: 'documents',
      params: roomParams,
      body: folderIn,
      responses: { 201: { description: 'Created', schema: entryOut }, 404: notFound, 409: conflicted },
      handler: async (input) => {
        const { tenantId, roomId } = input.params;
        return {
          status: 201,
          body: presentEntry(await createFolder(deps, contextOf(input), tenantId, roomId, input.body)),
        };
      },
    }),
    route({
      method: 'post',
      path: `${base}/files`,
      operationId: 'uploadDocumentFile',
      summary: 'Upload a file: a new entry, or a new version of the live file of that name in that folder (audited)',
      tag: 'documents',
      personLimit: 'uploads',
      params: roomParams,
      query: uploadQuery,
      rawBody: {
        description:
          'The file’s bytes, streamed. Send Content-Length: above the limit the upload is refused before it is read. Content-Type is not trusted; the type is recognised from the content.',
      },
      responses: {
        200: { description: 'A new version of an existing file', schema: entryOut },
        201: { description: 'A new file', schema: entryOut },
        404: notFound,
        409: conflicted,
        413: tooLarge,
      },
      handler: async (input) => {
        const { tenantId, roomId } = input.params;
        const declared = input.req.headers['content-length'];
        try {
          const { view, created } = await uploadFile(deps, contextOf(input), tenantId, roomId, {
            parentId: input.query.parentId ?? null,
            name: input.query.name,
            declaredBytes: declared === undefined ? undefined : Number(declared),
            content: input.req,
          });
          return { status: created ? 201 : 200, body: presentEntry(view) };
        } catch (error) {
          if (!input.req.complete) discardRest(input.req);
          throw error;
        }
      },
    }),
    route({
      method: 'get',
      path: `${base}/entries/:entryId`,
      operationId: 'getDocumentEntry',
      summary: 'One document or folder',
      tag: 'documents',
      params: entryParams,
      responses: { 200: { description: 'The entry', schema: entryOut }, 404: notFound },
      handler: async (input) => {
        const { tenantId, roomId, entryId } = input.params;
        return { body: presentEntry(await getEntry(deps, contextOf(input), tenantId, roomId, entryId)) };
      },
    }),
    route({
      method: 'get',
      path: `${base}/entries/:entryId/content`,
      operationId: 'downloadDocumentFile',
      summary: 'The file’s bytes (current version, or `version`), always as a download with the stored type',
      tag: 'documents',
      params: entryParams,
      query: contentQuery,
      responses: {
        200: { description: 'The bytes, of the type stored with the version', binary: '*/*' },
        404: notFound,
        409: {
          description:
            'Not to be read: a malware scan holds the file back: `type` ends in scan-pending (still checked), quarantined (infected) or scan-failed',
        },
        422: { description: 'A text document, which is exported instead: `type` ends in export-text-documents' },
      },
      handler: async (input) => {
        const { tenantId, roomId, entryId } = input.params;
        const c = await openContent(deps, contextOf(input), tenantId, roomId, entryId, input.query.version);
        // Never run as a page of ours, whatever the bytes are.
        await sendFile(
          input.res,
          { stream: c.stream, size: c.size, fileName: c.name, contentType: c.contentType },
          {
            disposition: 'attachment',
            csp: "sandbox; default-src 'none'; frame-ancestors 'none'",
            cacheControl: 'private, no-store',
          },
        );
        return { sent: true };
      },
    }),
    route({
      method: 'patch',
      path: `${base}/entries/:entryId`,
      operationId: 'updateDocumentEntry',
      summary: 'Rename, or move into another folder of the room (audited)',
      tag: 'documents',
      params: entryParams,
      body: entryChangesIn,
      responses: { 200: { description: 'The entry now', schema: entryOut }, 404: notFound, 409: conflicted },
      handler: async (input) => {
        const { tenantId, roomId, entryId } = input.params;
        return {
          body: presentEntry(await updateEntry(deps, contextOf(input), tenantId, roomId, entryId, input.body)),
        };
      },
    }),
    route({
      method: 'delete',
      path: `${base}/entries/:entryId`,
      operationId: 'deleteDocumentEntry',
      summary: 'Move into the trash, a folder with its contents (audited)',
      tag: 'documents',
      params: entryParams,
      responses: { 200: { description: 'The entry, in the trash', schema: entryOut }, 404: notFound, 409: conflicted },
      handler: async (input) => {
        const { tenantId, roomId, entryId } = input.params;
        return { body: presentEntry(await deleteEntry(deps, contextOf(input), tenantId, roomId, entryId)) };
      },
    }),
    route({
      method: 'post',
      path: `${base}/entries/:entryId/restore`,
      operationId: 'restoreDocumentEntry',
      summary: 'Back out of the trash; a name now taken gets " (2)" (audited)',
      tag: 'documents',
      params: entryParams,
      responses: { 200: { description: 'The entry, restored', schema: entryOut }, 404: notFound, 409: conflicted },
      handler: async (input) => {
        const { tenantId, roomId, entryId } = input.params;
        return { body: presentEntry(await restoreEntry(deps, contextOf(input), tenantId, roomId, entryId)) };
      },
    }),
    route({
      method: 'post',
      path: `${base}/entries/:entryId/purge`,
      operationId: 'purgeDocumentEntry',
      summary: 'Remove an entry in the trash for good, with its contents and versions (owners, moderators; audited)',
      tag: 'documents',
      params: entryParams,
      responses: { 204: { description: 'Removed' }, 404: notFound, 409: conflicted },
      handler: async (input) => {
        const { tenantId, roomId, entryId } = input.params;
        await purgeEntry(deps, contextOf(input), tenantId, roomId, entryId);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: `${base}/entries/:entryId/versions`,
      operationId: 'listDocumentVersions',
      summary: 'The versions of a file or a text document, newest first',
      tag: 'documents',
      params: entryParams,
      responses: {
        200: { description: 'The versions', schema: documentVersionList },
        404: notFound,
      },
      handler: async (input) => {
        const { tenantId, roomId, entryId } = input.params;
        const { entry, versions } = await listVersions(deps, contextOf(input), tenantId, roomId, entryId);
        return { body: { versions: versions.map((v) => presentVersion(v, entry.currentVersionId)) } };
      },
    }),
    route({
      method: 'get',
      path: `${base}/entries/:entryId/versions/compare`,
      operationId: 'compareDocumentTextVersions',
      summary: 'Two versions of a text document side by side: blocks aligned, words added and removed marked',
      tag: 'documents',
      params: entryParams,
      query: compareQuery,
      responses: {
        200: { description: 'The older version first, whichever order they were asked in', schema: versionComparison },
        404: notFound,
        422: { description: 'Not a text document: `type` ends in not-a-text-document' },
        503: noStorage,
      },
      handler: async (input) => {
        const { from, to, blocks } = await compareTextVersions(deps, contextOf(input), input.params, input.query);
        return { body: { from: { id: from.id, number: from.number }, to: { id: to.id, number: to.number }, blocks } };
      },
    }),
    route({
      method: 'post',
      path: `${base}/entries/:entryId/versions`,
      operationId: 'saveDocumentTextVersion',
      summary: 'Keep a text document’s content as it is now (live edits included) as a new version (audited)',
      tag: 'documents',
      params: entryParams,
      responses: {
        201: { description: 'The entry, its new version current', schema: entryOut },
        404: notFound,
        409: conflicted,
        422: { description: 'Not a text document: `type` ends in not-a-text-document' },
        503: noStorage,
      },
      handler: async (input) => {
        const { tenantId, roomId, entryId } = input.params;
        return {
          status: 201,
          body: presentEntry(await saveTextVersion(deps, contextOf(input), tenantId, roomId, entryId)),
        };
      },
    }),
    route({
      method: 'post',
      path: `${base}/entries/:entryId/versions/:versionId/restore`,
      operationId: 'restoreDocumentVersion',
      summary:
        'Make an earlier version current again, as a new version with its content; a text document’s open editors see it at once (audited)',
      tag: 'documents',
      params: versionParams,
      responses: {
        200: { description: 'The entry now', schema: entryOut },
        404: notFound,
        409: conflicted,
        503: noStorage,
      },
      handler: async (input) => {
        const { tenantId, roomId, entryId, versionId } = input.params;
        return {
          body: presentEntry(await restoreVersion(deps, contextOf(input), tenantId, roomId, entryId, versionId)),
        };
      },
    }),
  ];
}
