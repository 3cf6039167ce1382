import { invalid } from '../../domain/errors.js';
import { checkSponsor, guestExpiry } from '../../domain/guestTerms.js';
import type { GuestTerm } from '../../domain/person.js';
import type { StoreTx } from '../../domain/ports/store.js';
import type { CommandContext } from '../context.js';

/**
 * Guests with a sponsor and an end date (ADR 0050): every tenant guest has a member who answers
 * for them and a day their access ends; the sponsor hears a week before and may extend it, and at
 * the end the guest leaves by the same path as any leaver.
 */

/** The tenant's first active admin other than `except`, if any. */
async function firstActiveAdmin(tx: StoreTx, tenantId: string, except?: string) {
  return (await tx.people.list(tenantId, { status: 'active' })).find(
    (p) => p.role === 'tenant-admin' && p.id !== except,
  );
}

/** Whom a new guest's sponsor defaults to: the acting member or admin, else the tenant's first admin. */
async function defaultSponsor(tx: StoreTx, ctx: CommandContext, tenantId: string): Promise<string> {
  const { actor } = ctx;
  if (actor.userId !== null && actor.tenantId === tenantId && actor.tenantRole !== 'guest') return actor.userId;
  const admin = await firstActiveAdmin(tx, tenantId);
  if (!admin) {
    throw invalid('A guest needs a sponsor: name a member of the tenant', {
      field: 'sponsorId',
      code: 'sponsor-required',
    });
  }
  return admin.id;
}

/** The term of a person who becomes (or is made as) a tenant guest; null for any other role. */
export async function guestTermFor(
  tx: StoreTx,
  ctx: CommandContext,
  tenantId: string,
  role: string,
  requested: { sponsorId?: string | undefined; expiresAt?: number | undefined } = {},
): Promise<GuestTerm | null> {
  if (role !== 'guest') return null;
  const expiresAt = guestExpiry(ctx.now, requested.expiresAt);
  const sponsorId = requested.sponsorId ?? (await defaultSponsor(tx, ctx, tenantId));
  checkSponsor(await tx.people.findById(sponsorId), tenantId);
  return { sponsorId, expiresAt, noticeSentAt: null };
}

/**
 * A sponsor leaves (is deactivated): the guests they answer for are handed to the tenant's first
 * other active admin, who then hears of their end dates and may extend them. Without another
 * admin the guests keep their sponsor; their terms end all the same.
 */
export async function handOverGuests(
  tx: StoreTx,
  tenantId: string,
  leaverId: string,
  now: number,
): Promise<{ guests: number; to: string | null }> {
  const guests = (await tx.people.list(tenantId, { sponsorId: leaverId, status: 'active' })).filter(
    (p) => p.guestTerm !== null,
  );
  if (guests.length === 0) return { guests: 0, to: null };
  const admin = await firstActiveAdmin(tx, tenantId, leaverId);
  if (!admin) return { guests: guests.length, to: null };
  for (const guest of guests) {
    // A notice sent to the leaver is not one the new sponsor had: they are told again.
    await tx.people.setGuestTerm(guest.id, { ...guest.guestTerm!, sponsorId: admin.id, noticeSentAt: null }, now);
  }
  return { guests: guests.length, to: admin.id };
}
