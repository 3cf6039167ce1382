import { z } from 'zod';
import { syncState } from './enums.js';

export const id = z.uuid().describe('An id');

/** Whether Keycloak and Synapse follow an object yet, and the error of the last attempt. */
export const sync = z
  .object({ state: syncState, error: z.string().nullable() })
  .describe('Whether Keycloak and Synapse follow this object yet; the error of the last attempt');
export type SyncInfo = z.output<typeof sync>;

export const tenantParams = z.object({ tenantId: id });
