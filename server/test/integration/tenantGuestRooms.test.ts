import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.js';
import { powerOf } from '../../src/domain/roomCapabilities.js';
import { signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { stackMatrix } from '../support/stackMatrix.js';
import {
  eventually,
  json,
  provisionedTenantWithAdmin,
  tenantApi,
  type PersonBody,
  type TenantApi,
} from '../support/tenantsApi.js';

// A person who owns and moderates rooms becomes a guest of the tenant: the
// running stack lowers their room roles at once and Synapse follows.
describe('a person demoted to tenant guest', () => {
  const slug = `gast-${randomBytes(3).toString('hex')}`;
  let admin: SignedIn;
  let tenantId: string;
  let db: Db;
  const matrix = stackMatrix();
  let dora: PersonBody;
  let emil: PersonBody;

  let api: TenantApi;
  const call = (method: string, path: string, body?: unknown) => api.call(method, path, body);
  const newRoom = async (name: string) => (await json<{ id: string }>(await call('POST', '/rooms', { name }), 201)).id;
  const setMember = async (roomId: string, personId: string, role: string) =>
    expect((await call('PUT', `/rooms/${roomId}/members/${personId}`, { role })).status).toBe(204);
  const roleIn = async (roomId: string, personId: string) =>
    (
      await json<{ members: { personId: string; role: string }[] }>(await call('GET', `/rooms/${roomId}/members`), 200)
    ).members.find((m) => m.personId === personId)?.role;
  const matrixRoomId = async (roomId: string) =>
    (
      await eventually(
        () => db.selectFrom('rooms').select(['matrix_room_id', 'sync']).where('id', '=', roomId).executeTakeFirst(),
        (r) => r?.sync === 'done' && r.matrix_room_id !== null,
      )
    )?.matrix_room_id as string;
  const powerIn = async (roomId: string, username: string): Promise<number | undefined> =>
    (await matrix.getRoomState(await matrixRoomId(roomId))).userPowerLevels[matrix.userIdFor(username)];

  beforeAll(async () => {
    const platform = await signInDemo('paula.plattform');
    const provisioned = await provisionedTenantWithAdmin(platform, slug);
    admin = provisioned.admin;
    tenantId = provisioned.tenant.id;
    db = openDatabase(stackEnv('DATABASE_URL'));
    api = tenantApi(admin, tenantId, slug);
    [dora, emil] = [await api.newPerson('dora'), await api.newPerson('emil')];
    await api.peopleProvisioned();
  }, 240_000);
  afterAll(async () => {
    await db.destroy();
  });

  it('keeps no power in any room: owner and moderator become guests in our records and in Matrix', async () => {
    const owned = await newRoom('Haushalt');
    const moderated = await newRoom('Bauamt');
    await setMember(owned, dora.id, 'owner');
    await setMember(moderated, dora.id, 'moderator');
    await setMember(moderated, emil.id, 'member');
    expect(
      await eventually(
        () => powerIn(owned, dora.username),
        (p) => p === powerOf.owner,
      ),
    ).toBe(100);
    expect(
      await eventually(
        () => powerIn(moderated, dora.username),
        (p) => p === powerOf.moderator,
      ),
    ).toBe(50);

    const changed = await call('PATCH', `/people/${dora.id}`, { role: 'guest' });
    expect(changed.status, await changed.clone().text()).toBe(200);
    // In the same transaction as the role change.
    expect(await roleIn(owned, dora.id)).toBe('guest');
    expect(await roleIn(moderated, dora.id)).toBe('guest');
    // The rooms keep their owner (the admin who made them) and the others their roles.
    expect(await roleIn(owned, admin.actor.userId!)).toBe('owner');
    expect(await roleIn(moderated, emil.id)).toBe('member');

    for (const roomId of [owned, moderated]) {
      expect(
        await eventually(
          () => powerIn(roomId, dora.username),
          (p) => p === powerOf.guest,
        ),
      ).toBe(-1);
    }
    // The reconciler agrees: nothing to repair.
    const drift = await json<{ drift: { powerLevels: unknown[]; missingMembers: unknown[] } }>(
      await call('POST', `/rooms/${owned}/reconcile`),
      200,
    );
    expect(drift.drift).toMatchObject({ powerLevels: [], missingMembers: [] });
    expect(await powerIn(owned, dora.username)).toBe(-1);

    // Promotion back restores no room role.
    expect((await call('PATCH', `/people/${dora.id}`, { role: 'member' })).status).toBe(200);
    expect(await roleIn(owned, dora.id)).toBe('guest');
  }, 120_000);

  it('refuses to demote the only owner of a room with 409, naming the room, and changes nothing', async () => {
    const own = await newRoom(`Emils Raum ${slug}`);
    await setMember(own, emil.id, 'owner');
    // The admin who made it leaves: Emil is its only owner.
    expect((await call('DELETE', `/rooms/${own}/members/${admin.actor.userId}`)).status).toBe(204);

    const refused = await call('PATCH', `/people/${emil.id}`, { role: 'guest' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await refused.json()) as { type: string; detail: string; details: { rooms: unknown[] } };
    expect(problem.type).toMatch(/last-owner$/);
    expect(problem.detail).toContain(`Emils Raum ${slug}`);
    expect(problem.details.rooms).toEqual([{ id: own, name: `Emils Raum ${slug}` }]);
    expect((await json<PersonBody & { role: string }>(await call('GET', `/people/${emil.id}`), 200)).role).toBe(
      'member',
    );
    expect(await roleIn(own, emil.id)).toBe('owner');
  }, 60_000);
});
