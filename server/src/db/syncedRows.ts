import type { SyncState } from '../domain/tenant.js';

/** The sync columns of a tenant, person or room row, as the domain names them. */
export const syncStateOf = <S extends string>(row: { status: S; sync: SyncState; sync_error: string | null }) => ({
  status: row.status,
  sync: row.sync,
  syncError: row.sync_error,
});

/** How a new tenant, person or room row starts: active, waiting for its first sync. */
export const newSyncedRow = (now: number) => ({
  status: 'active' as const,
  sync: 'pending' as const,
  sync_error: null,
  created_at: now,
  updated_at: now,
});
