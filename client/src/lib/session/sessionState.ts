import type { ApiClient } from '../api/client';
import type { ApiFailure } from '../api/http';
import type { Abilities, Actor, SecondFactorState, Tenant } from '@arbeitsbereich/contract';
import type { AdminAreas } from './adminAreas';
import type { IdleWatch } from './useIdleWatch';

export type SessionStatus =
  | { kind: 'loading' }
  | { kind: 'error'; failure: ApiFailure }
  /** `idleMinutes`: the session ended because the person was not active for that long. */
  | { kind: 'signed-out'; idleMinutes?: number }
  | { kind: 'signed-in'; actor: Actor; csrfToken: string; secondFactor: SecondFactorState; idleMinutes?: number };

/** What the signed-in person may reach, from GET /api/tenants. */
export interface Access {
  loading: boolean;
  failure?: ApiFailure;
  /** Tenants the person may see: all for platform admins, else their own. */
  tenants: Tenant[];
  /** The person's own tenant, if they belong to one. */
  homeTenant?: Tenant;
  platform: Abilities;
  areas: AdminAreas;
}

export interface SessionValue {
  status: SessionStatus;
  access: Access;
  /** Present while signed in. */
  api?: ApiClient;
  /** Where "Anmelden" leads; comes back to `returnTo` (default: the current page). */
  signInHref: (returnTo?: string) => string;
  /** Where confirming the second factor leads; comes back to the current page. */
  secondFactorHref: () => string;
  signOut: () => Promise<void>;
  /** Loads the tenants and abilities again, e.g. after a tenant was created. */
  refreshAccess: () => void;
  /** The session's idle time: the warning before it ends, and activity the page does not see itself. */
  idle: IdleWatch;
}
