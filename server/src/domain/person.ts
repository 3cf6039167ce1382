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
  /** The language of their mail (invitation, notices) and of their sign-in pages. */
  locale: PersonLocale;
  /** When their last invitation went out; null: none yet. */
  invitedAt: number | null;
  /** They get the workspace's notices by e-mail (they may turn them off). */
  mailNotices: boolean;
  createdAt: number;
}

/** The languages a person's mail is written in: German first, English second. */
export type PersonLocale = 'de' | 'en';
