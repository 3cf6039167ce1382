import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { powerOf } from '../../src/domain/roomCapabilities.js';
import { adminLoginAs, clientCall } from '../support/matrixAdmin.js';
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

// The room role table as Synapse itself enforces it: people act in the chat
// room with their own Matrix tokens, and the homeserver allows exactly what
// their room role may do there; the room's settings, membership and power
// levels are the workspace's alone.
describe('room roles in the homeserver', () => {
  const slug = `macht-${randomBytes(3).toString('hex')}`;
  const matrix = stackMatrix();
  let admin: SignedIn;
  let mona: PersonBody;
  let max: PersonBody;
  let gast: PersonBody;
  let tina: PersonBody;
  let roomId: string;
  let matrixRoom: string;
  const tokens = new Map<string, string>();

  let api: TenantApi;
  const call = (method: string, path: string, body?: unknown) => api.call(method, path, body);
  /** A call to the chat room as the person, with a token of their own account. */
  const as = async (person: { username: string }, method: string, path: string, body?: unknown) => {
    const userId = matrix.userIdFor(person.username);
    let token = tokens.get(userId);
    if (token === undefined) {
      token = (await adminLoginAs(userId)).accessToken;
      tokens.set(userId, token);
    }
    return clientCall(token, method, `/rooms/${encodeURIComponent(matrixRoom)}${path}`, body);
  };
  const txn = () => randomBytes(8).toString('hex');

  beforeAll(async () => {
    const platform = await signInDemo('paula.plattform');
    const provisioned = await provisionedTenantWithAdmin(platform, slug);
    admin = provisioned.admin;
    api = tenantApi(admin, provisioned.tenant.id, slug);
    [mona, max, gast, tina] = [
      await api.newPerson('mona'),
      await api.newPerson('max'),
      await api.newPerson('gast'),
      await api.newPerson('tina', 'guest'),
    ];
    await api.peopleProvisioned();
    roomId = (await json<{ id: string }>(await call('POST', '/rooms', { name: `Rollen ${slug}` }), 201)).id;
    for (const [person, role] of [
      [mona, 'moderator'],
      [max, 'member'],
      [gast, 'guest'],
      [tina, 'guest'],
    ] as const) {
      expect((await call('PUT', `/rooms/${roomId}/members/${person.id}`, { role })).status).toBe(204);
    }
    matrixRoom = (
      await eventually(
        async () =>
          json<{ sync: { state: string }; matrixRoomId: string | null }>(await call('GET', `/rooms/${roomId}`), 200),
        (room) => room.sync.state === 'done' && room.matrixRoomId !== null,
      )
    ).matrixRoomId!;
    await eventually(
      async () => (await matrix.getRoomState(matrixRoom)).members.filter((m) => m.membership === 'join').length,
      (joined) => joined === 6,
    );
  }, 240_000);

  it('creates the room with the power levels of the table, explicitly', async () => {
    const content = (await as(admin.actor, 'GET', '/state/m.room.power_levels/')).body;
    // Synapse adds `historical` (MSC2716, batch imports it no longer supports); no action of the specification reads it.
    const { users, historical: _historical, ...levels } = content;
    expect(levels).toEqual({
      users_default: 0,
      events_default: 0,
      state_default: 150,
      invite: 150,
      kick: 150,
      ban: 150,
      redact: 50,
      notifications: { room: 50 },
      events: {
        'm.room.name': 150,
        'm.room.topic': 150,
        'm.room.avatar': 150,
        'm.room.power_levels': 150,
        'm.room.join_rules': 150,
        'm.room.history_visibility': 150,
        'm.room.encryption': 150,
        'm.room.guest_access': 150,
        'm.room.server_acl': 150,
        'm.room.tombstone': 150,
        'm.room.canonical_alias': 150,
        'm.room.pinned_events': 150,
        'm.room.message': 0,
        'm.room.encrypted': 0,
        'm.reaction': 0,
        'm.sticker': 0,
        'm.room.redaction': 0,
      },
    });
    // Each member at the power of their room role; the tenant guest a room guest.
    expect(users).toMatchObject({
      [matrix.userIdFor(admin.actor.username)]: powerOf.owner,
      [matrix.userIdFor(mona.username)]: 50,
      [matrix.userIdFor(gast.username)]: -1,
      [matrix.userIdFor(tina.username)]: -1,
    });
    expect(Object.keys(users as object)).not.toContain(matrix.userIdFor(max.username));
  });

  it('refuses a moderator who changes the join rules or kicks someone directly in Matrix', async () => {
    const state = await matrix.getRoomState(matrixRoom);
    expect(state.userPowerLevels[matrix.userIdFor(mona.username)]).toBe(50);
    const joinRules = await as(mona, 'PUT', '/state/m.room.join_rules/', { join_rule: 'public' });
    expect(joinRules.status, JSON.stringify(joinRules.body)).toBe(403);
    const kick = await as(mona, 'POST', '/kick', { user_id: matrix.userIdFor(max.username), reason: 'test' });
    expect(kick.status, JSON.stringify(kick.body)).toBe(403);
    const rename = await as(mona, 'PUT', '/state/m.room.name/', { name: 'Umbenannt' });
    expect(rename.status).toBe(403);
    // The owner, too, changes the room only through the workspace.
    const ownerKick = await as(admin.actor, 'POST', '/kick', { user_id: matrix.userIdFor(max.username) });
    expect(ownerKick.status, JSON.stringify(ownerKick.body)).toBe(403);
    expect((await matrix.getRoomState(matrixRoom)).members).toContainEqual({
      userId: matrix.userIdFor(max.username),
      membership: 'join',
    });
  });

  it('lets members post and moderators remove their messages, and refuses guests a message', async () => {
    const message = { msgtype: 'm.text', body: 'Hallo' };
    const posted = await as(max, 'PUT', `/send/m.room.message/${txn()}`, message);
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    const eventId = posted.body.event_id as string;

    for (const guest of [gast, tina]) {
      const plain = await as(guest, 'PUT', `/send/m.room.message/${txn()}`, message);
      expect(plain.status, JSON.stringify(plain.body)).toBe(403);
      const encrypted = await as(guest, 'PUT', `/send/m.room.encrypted/${txn()}`, {
        algorithm: 'm.megolm.v1.aes-sha2',
        ciphertext: 'x',
        sender_key: 'x',
        session_id: 'x',
        device_id: 'x',
      });
      expect(encrypted.status).toBe(403);
      const reaction = await as(guest, 'PUT', `/send/m.reaction/${txn()}`, {
        'm.relates_to': { rel_type: 'm.annotation', event_id: eventId, key: '👍' },
      });
      expect(reaction.status).toBe(403);
    }

    // A member cannot remove someone else's message; a moderator can.
    const own = await as(mona, 'PUT', `/send/m.room.message/${txn()}`, message);
    expect(own.status).toBe(200);
    const byMember = await as(max, 'PUT', `/redact/${encodeURIComponent(own.body.event_id as string)}/${txn()}`, {});
    expect(byMember.status).toBe(403);
    const byModerator = await as(mona, 'PUT', `/redact/${encodeURIComponent(eventId)}/${txn()}`, {});
    expect(byModerator.status, JSON.stringify(byModerator.body)).toBe(200);
  });

  it('tells the client which roles each member may get: a tenant guest only the room guest role', async () => {
    const room = await json<{ newMemberRoles: Record<string, string[]>; abilities: Record<string, boolean> }>(
      await call('GET', `/rooms/${roomId}`),
      200,
    );
    expect(room.newMemberRoles).toEqual({
      'tenant-admin': ['owner', 'moderator', 'member', 'guest'],
      member: ['owner', 'moderator', 'member', 'guest'],
      guest: ['guest'],
    });
    expect(room.abilities).toMatchObject({ 'chat.post': true, 'chat.removeMessages': true });
    const { members } = await json<{ members: { personId: string; assignableRoles: string[] }[] }>(
      await call('GET', `/rooms/${roomId}/members`),
      200,
    );
    const rolesOf = (person: { id: string }) => members.find((m) => m.personId === person.id)?.assignableRoles;
    expect(rolesOf(tina)).toEqual(['guest']);
    expect(rolesOf(gast)).toEqual(['owner', 'moderator', 'member', 'guest']);
    // The admin is the room's only owner: that role stays.
    expect(rolesOf({ id: admin.actor.userId! })).toEqual([]);
    // What is not offered is refused.
    expect((await call('PUT', `/rooms/${roomId}/members/${tina.id}`, { role: 'moderator' })).status).toBe(422);
  });

  it('sets the table’s levels again when they were changed in Matrix, and reports it', async () => {
    // The workspace's own account is the only one that can still change them.
    const content = (await as(admin.actor, 'GET', '/state/m.room.power_levels/')).body;
    const events = content.events as Record<string, number>;
    const changed = await clientCall(
      stackEnv('MATRIX_AS_TOKEN'),
      'PUT',
      `/rooms/${encodeURIComponent(matrixRoom)}/state/m.room.power_levels/`,
      { ...content, kick: 50, events: { ...events, 'm.room.join_rules': 50, 'com.example.poll': 0 } },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const drift = await json<{ drift: { roomRules?: string[] } }>(
      await call('POST', `/rooms/${roomId}/reconcile`),
      200,
    );
    expect([...(drift.drift.roomRules ?? [])].sort()).toEqual([
      'events.com.example.poll',
      'events.m.room.join_rules',
      'kick',
    ]);
    const repaired = (await as(admin.actor, 'GET', '/state/m.room.power_levels/')).body;
    expect(repaired).toMatchObject({ kick: 150, events: { 'm.room.join_rules': 150 } });
    expect(Object.keys(repaired.events as object)).not.toContain('com.example.poll');
    const again = await json<{ drift: { roomRules?: string[] } }>(
      await call('POST', `/rooms/${roomId}/reconcile`),
      200,
    );
    expect(again.drift.roomRules).toBeUndefined();
  });
});
