import { jobSpec, stringField } from './jobSpec.js';

/** Jobs of a person's export and erasure (GDPR, ADR 0053). */
export const privacyJobKinds = {
  /** Makes the archive of a person's data and stores it until it expires. */
  personExport: 'person.export',
  /** Erases a person in Keycloak, Synapse, storage and the workspace, then writes the report. */
  personErase: 'person.erase',
} as const;

export interface PersonExportPayload {
  exportId: string;
}

export interface PersonErasePayload {
  erasureId: string;
  personId: string;
}

export const privacyJobs = {
  // An archive that could not be made says so on its record; the person asks again.
  [privacyJobKinds.personExport]: jobSpec<PersonExportPayload>({
    parse: (payload) => ({ exportId: stringField(payload, 'exportId') }),
    failureRecord: (payload) => ({ type: 'export', id: payload.exportId }),
  }),
  // An erasure that cannot finish shows on the person, with the reason, until an admin looks.
  [privacyJobKinds.personErase]: jobSpec<PersonErasePayload>({
    parse: (payload) => ({ erasureId: stringField(payload, 'erasureId'), personId: stringField(payload, 'personId') }),
    failureRecord: (payload) => ({ type: 'person', id: payload.personId }),
  }),
};
