import { z } from 'zod';
import { secondFactorReason, tenantRole } from './enums.js';

/** Who is signed in, as the server established it. */
export const actor = z
  .object({
    userId: z.string().nullable(),
    subject: z.string(),
    username: z.string(),
    displayName: z.string().catch(''),
    tenantId: z.string().nullable(),
    tenantRole: tenantRole.nullable(),
    platformAdmin: z.boolean(),
  })
  .meta({ id: 'Actor' });
export type Actor = z.output<typeof actor>;

/** Whether the session was signed in with a second factor; what it lacks because it was not (the actor holds less). */
export const secondFactorState = z.object({ used: z.boolean(), missing: secondFactorReason.nullable() });
export type SecondFactorState = z.output<typeof secondFactorState>;

/** GET /api/session. */
export const session = z
  .discriminatedUnion('authenticated', [
    z.object({ authenticated: z.literal(false) }),
    z.object({
      authenticated: z.literal(true),
      actor,
      csrfToken: z.string(),
      secondFactor: secondFactorState,
      /** After this long without a request of the person, the server ends the session. */
      idleMinutes: z.number().positive().optional(),
    }),
  ])
  .meta({ id: 'Session' });
export type SessionInfo = z.output<typeof session>;

/** POST /auth/logout: where the browser goes next (the identity provider's sign-out). */
export const logoutOut = z.object({ redirect: z.string() });
