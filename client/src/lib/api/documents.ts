import {
  documentEntryOut,
  documentListing,
  documentTrash,
  documentVersionList,
  sharedLinkOut,
  versionComparison,
  type VersionComparison,
  type EntryChanges,
  type ExportFormat,
  type DocumentEntry,
  type DocumentListing,
  type DocumentTrash,
  type DocumentVersion,
  type NewEntry,
  type NewTextDocument,
  type SharedLink,
} from '@arbeitsbereich/contract';
import { getJson, queryString, sendJson, withSignal } from './http';
import { parseWith } from './parse';
import { tenantPath } from './tenants';
import { type UploadProgress, uploadBody } from './upload';

export { TooLargeError, UploadAbortedError, type UploadProgress } from './upload';

/* The room's document library: folders, files and collaborative text documents (read with the contract's schemas). */

export interface UploadedFile {
  entry: DocumentEntry;
  /** False when the upload became a new version of a file of the same name. */
  created: boolean;
}

const parseEntry = (value: unknown): DocumentEntry => parseWith(documentEntryOut, value);

/** …/rooms/:roomId/documents */
export function documentPath(tenantId: string, roomId: string): string {
  return `${tenantPath(tenantId)}/rooms/${encodeURIComponent(roomId)}/documents`;
}

function entryPath(tenantId: string, roomId: string, entryId: string): string {
  return `${documentPath(tenantId, roomId)}/entries/${encodeURIComponent(entryId)}`;
}

/** Where the browser downloads a file (an attachment); a version's content with `versionId`. */
export function contentUrl(tenantId: string, roomId: string, entryId: string, versionId?: string): string {
  return `${entryPath(tenantId, roomId, entryId)}/content${queryString({ version: versionId })}`;
}

/** The PDF preview of the current version, for an iframe; 409 while it is being made. */
export function previewUrl(tenantId: string, roomId: string, entryId: string): string {
  return `${entryPath(tenantId, roomId, entryId)}/preview`;
}

/** A text document converted to ODT, DOCX or PDF, as a download. */
export function exportUrl(tenantId: string, roomId: string, entryId: string, format: ExportFormat): string {
  return `${entryPath(tenantId, roomId, entryId)}/export${queryString({ format })}`;
}

export async function listDocuments(
  tenantId: string,
  roomId: string,
  folderId: string | null,
  signal?: AbortSignal,
): Promise<DocumentListing> {
  const path = `${documentPath(tenantId, roomId)}${queryString({ folder: folderId ?? undefined })}`;
  return parseWith(documentListing, (await getJson(path, withSignal(signal))).body);
}

export async function listTrash(tenantId: string, roomId: string, signal?: AbortSignal): Promise<DocumentTrash> {
  const { body } = await getJson(`${documentPath(tenantId, roomId)}/trash`, withSignal(signal));
  return parseWith(documentTrash, body);
}

export async function createFolder(csrfToken: string, tenantId: string, roomId: string, entry: NewEntry) {
  return parseEntry(
    (await sendJson('POST', `${documentPath(tenantId, roomId)}/folders`, { csrfToken, body: entry })).body,
  );
}

/** A new collaborative text document (edited in the browser, several people at once). */
export async function createText(csrfToken: string, tenantId: string, roomId: string, entry: NewTextDocument) {
  return parseEntry(
    (await sendJson('POST', `${documentPath(tenantId, roomId)}/texts`, { csrfToken, body: entry })).body,
  );
}

export async function getEntry(tenantId: string, roomId: string, entryId: string, signal?: AbortSignal) {
  return parseEntry((await getJson(entryPath(tenantId, roomId, entryId), withSignal(signal))).body);
}

export async function updateEntry(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  entryId: string,
  changes: EntryChanges,
): Promise<DocumentEntry> {
  return parseEntry((await sendJson('PATCH', entryPath(tenantId, roomId, entryId), { csrfToken, body: changes })).body);
}

/** Into the trash (a folder with everything in it). */
export async function deleteEntry(csrfToken: string, tenantId: string, roomId: string, entryId: string) {
  return parseEntry((await sendJson('DELETE', entryPath(tenantId, roomId, entryId), { csrfToken })).body);
}

export async function restoreEntry(csrfToken: string, tenantId: string, roomId: string, entryId: string) {
  return parseEntry((await sendJson('POST', `${entryPath(tenantId, roomId, entryId)}/restore`, { csrfToken })).body);
}

/** Removes an entry from the trash for good. */
export async function purgeEntry(csrfToken: string, tenantId: string, roomId: string, entryId: string) {
  await sendJson('POST', `${entryPath(tenantId, roomId, entryId)}/purge`, { csrfToken });
}

export async function listVersions(
  tenantId: string,
  roomId: string,
  entryId: string,
  signal?: AbortSignal,
): Promise<DocumentVersion[]> {
  const { body } = await getJson(`${entryPath(tenantId, roomId, entryId)}/versions`, withSignal(signal));
  return parseWith(documentVersionList, body).versions;
}

/** Two versions of a text document side by side, the older first. */
export async function compareVersions(
  tenantId: string,
  roomId: string,
  entryId: string,
  versions: { from: string; to: string },
  signal?: AbortSignal,
): Promise<VersionComparison> {
  const query = queryString({ from: versions.from, to: versions.to });
  const { body } = await getJson(
    `${entryPath(tenantId, roomId, entryId)}/versions/compare${query}`,
    withSignal(signal),
  );
  return parseWith(versionComparison, body);
}

/** Keeps a text document's content as it is now (open editors' changes included) as a new version. */
export async function saveTextVersion(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  entryId: string,
): Promise<DocumentEntry> {
  return parseEntry((await sendJson('POST', `${entryPath(tenantId, roomId, entryId)}/versions`, { csrfToken })).body);
}

/** Makes an old version's content the newest version (a text document's open editors show it at once). */
export async function restoreVersion(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  entryId: string,
  versionId: string,
): Promise<DocumentEntry> {
  const path = `${entryPath(tenantId, roomId, entryId)}/versions/${encodeURIComponent(versionId)}/restore`;
  return parseEntry((await sendJson('POST', path, { csrfToken })).body);
}

/** Posts a link to the entry into the room's chat. */
export async function shareEntry(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  entryId: string,
): Promise<SharedLink> {
  const { body } = await sendJson('POST', `${entryPath(tenantId, roomId, entryId)}/share`, { csrfToken });
  return parseWith(sharedLinkOut, body);
}

export interface UploadRequest {
  file: Blob;
  name: string;
  parentId: string | null;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** POST …/files?parentId=&name= with the file as the raw body; progress as it is sent. */
export async function uploadFile(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  request: UploadRequest,
): Promise<UploadedFile> {
  const query = queryString({ parentId: request.parentId ?? undefined, name: request.name });
  const response = await uploadBody(`${documentPath(tenantId, roomId)}/files${query}`, request.file, {
    csrfToken,
    contentType: request.file.type || 'application/octet-stream',
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  return { entry: parseEntry(response.body), created: response.status === 201 };
}

/** The library calls with the session's CSRF token bound. */
export interface DocumentsApi {
  list(tenantId: string, roomId: string, folderId: string | null, signal?: AbortSignal): Promise<DocumentListing>;
  trash(tenantId: string, roomId: string, signal?: AbortSignal): Promise<DocumentTrash>;
  createFolder(tenantId: string, roomId: string, entry: NewEntry): Promise<DocumentEntry>;
  createText(tenantId: string, roomId: string, entry: NewTextDocument): Promise<DocumentEntry>;
  get(tenantId: string, roomId: string, entryId: string, signal?: AbortSignal): Promise<DocumentEntry>;
  update(tenantId: string, roomId: string, entryId: string, changes: EntryChanges): Promise<DocumentEntry>;
  remove(tenantId: string, roomId: string, entryId: string): Promise<DocumentEntry>;
  restore(tenantId: string, roomId: string, entryId: string): Promise<DocumentEntry>;
  purge(tenantId: string, roomId: string, entryId: string): Promise<void>;
  versions(tenantId: string, roomId: string, entryId: string, signal?: AbortSignal): Promise<DocumentVersion[]>;
  restoreVersion(tenantId: string, roomId: string, entryId: string, versionId: string): Promise<DocumentEntry>;
  saveVersion(tenantId: string, roomId: string, entryId: string): Promise<DocumentEntry>;
  compare(
    tenantId: string,
    roomId: string,
    entryId: string,
    versions: { from: string; to: string },
    signal?: AbortSignal,
  ): Promise<VersionComparison>;
  share(tenantId: string, roomId: string, entryId: string): Promise<SharedLink>;
  upload(tenantId: string, roomId: string, request: UploadRequest): Promise<UploadedFile>;
}

export function createDocumentsApi(csrfToken: string): DocumentsApi {
  return {
    list: (tenantId, roomId, folderId, signal) => listDocuments(tenantId, roomId, folderId, signal),
    trash: (tenantId, roomId, signal) => listTrash(tenantId, roomId, signal),
    createFolder: (tenantId, roomId, entry) => createFolder(csrfToken, tenantId, roomId, entry),
    createText: (tenantId, roomId, entry) => createText(csrfToken, tenantId, roomId, entry),
    get: (tenantId, roomId, entryId, signal) => getEntry(tenantId, roomId, entryId, signal),
    update: (tenantId, roomId, entryId, changes) => updateEntry(csrfToken, tenantId, roomId, entryId, changes),
    remove: (tenantId, roomId, entryId) => deleteEntry(csrfToken, tenantId, roomId, entryId),
    restore: (tenantId, roomId, entryId) => restoreEntry(csrfToken, tenantId, roomId, entryId),
    purge: (tenantId, roomId, entryId) => purgeEntry(csrfToken, tenantId, roomId, entryId),
    versions: (tenantId, roomId, entryId, signal) => listVersions(tenantId, roomId, entryId, signal),
    restoreVersion: (tenantId, roomId, entryId, versionId) =>
      restoreVersion(csrfToken, tenantId, roomId, entryId, versionId),
    saveVersion: (tenantId, roomId, entryId) => saveTextVersion(csrfToken, tenantId, roomId, entryId),
    compare: (tenantId, roomId, entryId, versions, signal) =>
      compareVersions(tenantId, roomId, entryId, versions, signal),
    share: (tenantId, roomId, entryId) => shareEntry(csrfToken, tenantId, roomId, entryId),
    upload: (tenantId, roomId, request) => uploadFile(csrfToken, tenantId, roomId, request),
  };
}
