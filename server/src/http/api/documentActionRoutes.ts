import { exportTextDocument, type ExportDeps } from '../../commands/documents/exportText.js';
import { openPreview } from '../../commands/documents/previewAccess.js';
import { shareEntry } from '../../commands/documents/shareEntry.js';
import { mintWopiAccess, type WopiDeps } from '../../commands/documents/wopi.js';
import type { FileStorage } from '../../domain/ports/files.js';
import { sendFile } from '../fileResponse.js';
import { route } from './apiRoute.js';
import { entryParams, exportQuery, sharedLinkOut, wopiAccessOut } from '@arbeitsbereich/contract';
import { contextOf } from './commandContext.js';

export interface DocumentActionDeps extends ExportDeps {
  files: FileStorage | null;
  publicUrl: string;
  wopi: WopiDeps;
}

const base = '/tenants/:tenantId/rooms/:roomId/documents/entries/:entryId';
const notFound = { description: 'No such entry in this room (or the room is not visible to the caller)' };

/**
 * A PDF preview is shown inline in a frame of the app. A `sandbox` policy
 * would make Chromium refuse to show PDFs at all, so the response relies on
 * its type instead: application/pdf, never sniffed, and framed only by the
 * app itself.
 */
const previewPolicy = "default-src 'none'; frame-ancestors 'self'";

/** Open formats and sharing: previews, exports of text documents, links in the chat, the office suite. */
export function documentActionRoutes(deps: DocumentActionDeps) {
  const { store } = deps;
  return [
    route({
      method: 'get',
      path: `${base}/preview`,
      operationId: 'getPreview',
      summary: 'The PDF preview of a file’s current version (inline)',
      tag: 'documents',
      params: entryParams,
      responses: {
        200: { description: 'application/pdf' },
        404: {
          description: 'No such entry, or the file has no preview (`type` ends in preview-failed when it failed)',
        },
        409: {
          description:
            'The preview is still being made (`type` ends in preview-not-ready), or a malware scan holds the file back: `type` ends in scan-pending (still checked), quarantined (infected) or scan-failed',
        },
        503: { description: 'No file storage is configured' },
      },
      handler: async (input) => {
        const preview = await openPreview({ store, files: deps.files }, contextOf(input), input.params);
        await sendFile(
          input.res,
          { ...preview, contentType: 'application/pdf' },
          { disposition: 'inline', csp: previewPolicy },
        );
        return { sent: true };
      },
    }),
    route({
      method: 'get',
      path: `${base}/export`,
      operationId: 'exportTextDocument',
      summary: 'A text document converted to ODT, DOCX or PDF (a download)',
      tag: 'documents',
      personLimit: 'exports',
      params: entryParams,
      query: exportQuery,
      responses: {
        200: { description: 'The converted file, as an attachment named after the document' },
        404: notFound,
        422: { description: 'The entry is not a text document' },
        503: { description: 'The conversion queue is full, or text documents are not available' },
      },
      handler: async (input) => {
        await exportTextDocument(deps, contextOf(input), input.params, input.query.format, (file) =>
          sendFile(input.res, file, { disposition: 'attachment' }),
        );
        return { sent: true };
      },
    }),
    route({
      method: 'post',
      path: `${base}/share`,
      operationId: 'shareEntry',
      summary: 'Posts a link to the entry into the room’s chat (as the service’s notice, with a card)',
      tag: 'documents',
      personLimit: 'shares',
      params: entryParams,
      responses: {
        202: { description: 'The notice is queued', schema: sharedLinkOut },
        404: notFound,
        409: { description: 'The room is archived' },
      },
      handler: async (input) => ({
        status: 202,
        body: await shareEntry({ store, publicUrl: deps.publicUrl }, contextOf(input), input.params),
      }),
    }),
    route({
      method: 'post',
      path: `${base}/wopi`,
      operationId: 'createWopiAccess',
      summary: 'An access token for opening the file in the office suite (WOPI); writing if the caller may',
      tag: 'documents',
      params: entryParams,
      responses: {
        200: {
          description: 'Post `access_token` and `access_token_ttl` to the suite’s editor URL with `WOPISrc`',
          schema: wopiAccessOut,
        },
        404: notFound,
        409: {
          description:
            'Not to be opened: a malware scan holds the file back: `type` ends in scan-pending (still checked), quarantined (infected) or scan-failed',
        },
        422: { description: 'The entry is not a file' },
        503: { description: 'The WOPI host is off (WOPI_ENABLED)' },
      },
      handler: async (input) => ({ body: await mintWopiAccess(deps.wopi, contextOf(input), input.params) }),
    }),
  ];
}
