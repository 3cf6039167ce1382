import { expect } from 'vitest';
import { fetchAs, type SignedIn } from './signIn.js';
import { json } from './tenantsApi.js';

/** A new room of the owner's tenant with these members in these roles; `base` is its API path. */
export async function roomWithMembers(
  owner: SignedIn,
  room: { name: string; visibility?: 'tenant' | 'private' },
  members: readonly (readonly [SignedIn, 'moderator' | 'member' | 'guest'])[],
): Promise<{ roomId: string; base: string }> {
  const tenantId = owner.actor.tenantId!;
  const { id } = await json<{ id: string }>(
    await fetchAs(owner, `/api/tenants/${tenantId}/rooms`, { method: 'POST', body: JSON.stringify(room) }),
    201,
  );
  const base = `/api/tenants/${tenantId}/rooms/${id}`;
  for (const [who, role] of members) {
    const put = await fetchAs(owner, `${base}/members/${who.actor.userId}`, {
      method: 'PUT',
      body: JSON.stringify({ role }),
    });
    expect(put.status).toBe(204);
  }
  return { roomId: id, base };
}
