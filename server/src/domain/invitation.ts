import type { Person, PersonLocale } from './person.js';
import { secondFactorReason } from './policies/secondFactor.js';

/**
 * An invitation by e-mail (ADR 0041): the identity provider sends the person a link to choose a
 * password and, when they will need a second factor, to set it up; in the person's language, and
 * back to the workspace afterwards.
 */
export interface Invitation {
  locale: PersonLocale;
  /** The person will need a second factor (ADR 0025): it is set up along with the password. */
  setUpSecondFactor: boolean;
}

/** What a person's invitation asks of them, given whether their tenant requires a second factor of everybody. */
export function invitationFor(
  person: Pick<Person, 'tenantId' | 'role' | 'platformAdmin' | 'locale'>,
  tenantRequiresSecondFactor: boolean,
): Invitation {
  const granted = { tenantId: person.tenantId, tenantRole: person.role, platformAdmin: person.platformAdmin };
  return {
    locale: person.locale,
    setUpSecondFactor: secondFactorReason(granted, tenantRequiresSecondFactor) !== null,
  };
}
