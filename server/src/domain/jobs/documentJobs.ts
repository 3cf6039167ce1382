import { fieldsOf, jobSpec, stringField } from './jobSpec.js';

export const documentJobKinds = {
  /** A file version's PDF preview, made by LibreOffice (its own worker: conversions are slow). */
  documentPreview: 'library.preview',
  /** A file version's malware scan by ClamAV, before anyone may read it (ADR 0055). */
  documentScan: 'document.scan',
} as const;

export interface DocumentPreviewPayload {
  versionId: string;
  entryId: string;
}

export type DocumentScanPayload = DocumentPreviewPayload;

const versionPayload = (payload: unknown): DocumentPreviewPayload => {
  const versionId = stringField(payload, 'versionId');
  const entryId = fieldsOf(payload).entryId;
  return { versionId, entryId: typeof entryId === 'string' ? entryId : '' };
};

export const documentJobs = {
  [documentJobKinds.documentPreview]: jobSpec<DocumentPreviewPayload>({
    parse: versionPayload,
    // The version shows "failed" with the reason.
    failureRecord: (payload) => ({ type: 'version', id: payload.versionId }),
  }),
  [documentJobKinds.documentScan]: jobSpec<DocumentScanPayload>({
    parse: versionPayload,
    // Not scanned after every retry: the version shows so and stays held back.
    failureRecord: (payload) => ({ type: 'versionScan', id: payload.versionId }),
  }),
};
