/**
 * A room's documents: folders, uploaded files and collaborative text
 * documents, each with its versions. Deleting moves an entry into the room's
 * trash (restorable); only purging removes it for good.
 */
export const entryKinds = ['folder', 'file', 'text'] as const;
export type EntryKind = (typeof entryKinds)[number];

/** Conversion of a file version into a PDF preview, made off the request path. */
export type PreviewState = 'none' | 'pending' | 'ready' | 'failed';

/**
 * The malware scan of a file version (ADR 0055): `none` where nothing is scanned (no scanner is
 * configured, or a text document's version, written by the editor), `pending` until the scanner has
 * answered, then `clean` or `infected`; `failed` when it could not be scanned after every retry.
 */
export const scanStates = ['none', 'pending', 'clean', 'infected', 'failed'] as const;
export type ScanState = (typeof scanStates)[number];

/**
 * Whether a version's bytes may leave the workspace (download, preview, office suite, export):
 * only once scanned clean, or where nothing is scanned. An infected version is quarantined: kept,
 * never served, removed with its entry. One that could not be scanned stays held back as well.
 */
export function servable(version: Pick<DocumentVersion, 'scan'>): boolean {
  return version.scan === 'none' || version.scan === 'clean';
}

export interface DocumentEntry {
  id: string;
  tenantId: string;
  roomId: string;
  /** The folder it is in; null at the library's top level. */
  parentId: string | null;
  kind: EntryKind;
  /** Sanitized, unique among the live entries of its folder. */
  name: string;
  /** The version shown and downloaded; null for folders (and a text document before its first version). */
  currentVersionId: string | null;
  /** Bytes of the current version (0 for folders). */
  size: number;
  /** Checked from the content, not the client's claim; '' for folders. */
  contentType: string;
  createdBy: string;
  createdByName: string;
  createdAt: number;
  updatedBy: string;
  updatedByName: string;
  updatedAt: number;
  /** In the trash since; null while live. */
  deletedAt: number | null;
  deletedBy: string | null;
}

export interface DocumentVersion {
  id: string;
  entryId: string;
  /** 1, 2, 3 … per entry. */
  number: number;
  /** Where its bytes are in the file storage. */
  storageKey: string;
  size: number;
  contentType: string;
  /** SHA-256 of the content, hex. */
  sha256: string;
  createdBy: string;
  createdByName: string;
  createdAt: number;
  preview: PreviewState;
  previewKey: string | null;
  previewError: string | null;
  scan: ScanState;
  /** The signature that matched, for an infected version. */
  scanSignature: string | null;
}

/** Storage keys: one object per version, grouped by tenant so a tenant's files can be found and removed together. */
export const storageKeys = {
  version: (tenantId: string, entryId: string, versionId: string): string => `${tenantId}/${entryId}/${versionId}`,
  preview: (tenantId: string, entryId: string, versionId: string): string =>
    `${tenantId}/${entryId}/${versionId}.preview.pdf`,
};
