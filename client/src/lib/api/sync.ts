import { oneOf, record, textOrNull } from './shape';

export const SYNC_STATES = ['pending', 'done', 'failed'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** Whether Keycloak and Synapse follow an object yet, and the error of the last attempt. */
export interface SyncInfo {
  state: SyncState;
  error: string | null;
}

export function parseSync(value: unknown): SyncInfo {
  const s = record(value);
  return { state: oneOf(SYNC_STATES, s.state), error: textOrNull(s.error) };
}
