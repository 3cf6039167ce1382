import { fieldsOf, jobSpec, stringField } from './jobSpec.js';

/** Jobs that make Keycloak and Synapse follow a person (their account, their tenant's space). */
export const personJobKinds = {
  personProvision: 'person.provision',
  personDeactivate: 'person.deactivate',
  personReactivate: 'person.reactivate',
  /** The invitation by e-mail: choose a password (and set up the second factor), ADR 0041. */
  personInvite: 'person.invite',
} as const;

export interface PersonProvisionPayload {
  personId: string;
  /** Only the installation's own seeding sets this, for the accounts its realm export ships. */
  adoptUnmarked?: true;
}

export interface PersonJobPayload {
  personId: string;
}

const personJob = jobSpec<PersonJobPayload>({
  parse: (payload) => ({ personId: stringField(payload, 'personId') }),
  failureRecord: (payload) => ({ type: 'person', id: payload.personId }),
});

export const personJobs = {
  [personJobKinds.personProvision]: jobSpec<PersonProvisionPayload>({
    parse: (payload) => ({
      personId: stringField(payload, 'personId'),
      ...(fieldsOf(payload).adoptUnmarked === true ? { adoptUnmarked: true as const } : {}),
    }),
    failureRecord: (payload) => ({ type: 'person', id: payload.personId }),
  }),
  [personJobKinds.personDeactivate]: personJob,
  [personJobKinds.personReactivate]: personJob,
  // An invitation that could not go out leaves the person's account as it is: the admins see that none
  // went out (no date of the last one) and send it again.
  [personJobKinds.personInvite]: jobSpec<PersonJobPayload>({
    parse: (payload) => ({ personId: stringField(payload, 'personId') }),
    failureRecord: () => null,
  }),
};
