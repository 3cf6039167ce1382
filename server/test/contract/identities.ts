/**
 * The callers of the API contract test (deploy/local/commands/test.mjs): signs in a tenant
 * admin, a member and a guest of the demo tenant, makes a room of the contract test's own with
 * the member and the guest in it, and writes their sessions and the room's ids as JSON to the
 * file named by its argument. Run with tsx against the test stack's environment.
 */
import fs from 'node:fs';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { json } from '../support/tenantsApi.js';

const out = process.argv[2];
if (out === undefined) throw new Error('usage: identities.ts <output.json>');

const people = { 'tenant-admin': 'amelie.admin', member: 'bernd.beispiel', guest: 'gabi.gast' } as const;
const sessions: Record<string, SignedIn> = {};
for (const [role, username] of Object.entries(people)) sessions[role] = await signInDemo(username);
const admin = sessions['tenant-admin']!;
const tenantId = admin.actor.tenantId;
if (tenantId === null) throw new Error(`${people['tenant-admin']} is not a person of a tenant`);

const room = await json<{ id: string }>(
  await fetchAs(admin, `/api/tenants/${tenantId}/rooms`, {
    method: 'POST',
    body: JSON.stringify({ name: `Schnittstellenprüfung ${new Date().toISOString()}`, visibility: 'tenant' }),
  }),
  201,
);
for (const [role, roomRole] of [
  ['member', 'member'],
  ['guest', 'guest'],
] as const) {
  const personId = sessions[role]!.actor.userId;
  const put = await fetchAs(admin, `/api/tenants/${tenantId}/rooms/${room.id}/members/${personId}`, {
    method: 'PUT',
    body: JSON.stringify({ role: roomRole }),
  });
  if (put.status !== 204) throw new Error(`adding the ${role} to the room: HTTP ${put.status}`);
}

fs.writeFileSync(
  out,
  `${JSON.stringify(
    {
      tenantId,
      roomId: room.id,
      identities: Object.entries(sessions).map(([role, s]) => ({
        role,
        username: people[role as keyof typeof people],
        personId: s.actor.userId,
        cookie: s.cookie,
        csrfToken: s.csrfToken,
        origin: s.origin,
      })),
    },
    null,
    2,
  )}\n`,
  { mode: 0o600 },
);
