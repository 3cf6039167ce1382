import { fieldsOf, jobSpec, stringField } from './jobSpec.js';

/** A file version's PDF preview, made by LibreOffice (its own worker: conversions are slow). */
export const documentJobKinds = {
  documentPreview: 'library.preview',
} as const;

export interface DocumentPreviewPayload {
  versionId: string;
  entryId: string;
}

export const documentJobs = {
  [documentJobKinds.documentPreview]: jobSpec<DocumentPreviewPayload>({
    parse: (payload) => {
      const versionId = stringField(payload, 'versionId');
      const entryId = fieldsOf(payload).entryId;
      return { versionId, entryId: typeof entryId === 'string' ? entryId : '' };
    },
    // The version shows "failed" with the reason.
    failureRecord: (payload) => ({ type: 'version', id: payload.versionId }),
  }),
};
