import type { TenantRole } from './actor.js';
import type { SyncState } from './tenant.js';

/** A person provisioned in a tenant. */
export interface Person {
  id: string;
  tenantId: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  role: TenantRole;
  status: 'active' | 'deactivated';
  sync: SyncState;
  syncError: string | null;
  subject: string | null;
  /** Their sign-in account holds the platform admin role: only platform admins manage them. */
  platformAdmin: boolean;
  createdAt: number;
}
