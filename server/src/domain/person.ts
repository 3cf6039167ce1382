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
  /** A tenant guest's sponsor and end date (ADR 0050); null for everyone else. */
  guestTerm: GuestTerm | null;
  createdAt: number;
}

/** How long a tenant guest may stay, and who answers for them. */
export interface GuestTerm {
  /** The member or tenant admin of the same tenant who sponsors the guest. */
  sponsorId: string;
  /** When the guest's access ends (epoch ms): then they are deactivated everywhere. */
  expiresAt: number;
  /** When the sponsor was told that the end is near; null: not yet. */
  noticeSentAt: number | null;
}

/** The languages a person's mail is written in: German first, English second. */
export type PersonLocale = 'de' | 'en';
