import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { adminLoginAs, clientCall } from '../support/matrixAdmin.js';
import { rawRequest } from '../support/rawUpload.js';
import { KeycloakTestAdmin, signInDemo } from '../support/signIn.js';
import { stackMatrix } from '../support/stackMatrix.js';
import { eventually, json, provisionedTenantWithAdmin, tenantApi } from '../support/tenantsApi.js';
import { documentPath, writeDrillRecord } from './drillRecord.js';

// First half of the restore drill (ADR 0035), run by `npm test` on its stack before it is stopped,
// backed up, wiped and restored: a tenant with people, a room with encrypted messages and a document.
describe('restore drill: the state to back up', () => {
  it('makes a tenant, a member with a password, a room with messages and a document', async () => {
    const slug = `drill-${randomBytes(3).toString('hex')}`;
    const matrix = stackMatrix();
    const platform = await signInDemo('paula.plattform');
    const { tenant, admin } = await provisionedTenantWithAdmin(platform, slug);
    const api = tenantApi(admin, tenant.id, slug);
    const ida = await api.newPerson('ida');
    await api.peopleProvisioned();
    const keycloak = new KeycloakTestAdmin();
    const password = `Pw-${slug}-${randomBytes(6).toString('hex')}`;
    await keycloak.call('PUT', `/users/${await keycloak.userId(ida.username)}/reset-password`, {
      type: 'password',
      value: password,
      temporary: false,
    });

    const room = await json<{ id: string }>(await api.call('POST', '/rooms', { name: `Sicherung ${slug}` }), 201);
    expect((await api.call('PUT', `/rooms/${room.id}/members/${ida.id}`, { role: 'member' })).status).toBe(204);
    const synced = await eventually(
      async () =>
        json<{ sync: { state: string }; matrixRoomId: string | null }>(await api.call('GET', `/rooms/${room.id}`), 200),
      (r) => r.sync.state === 'done' && r.matrixRoomId !== null,
    );
    const matrixRoomId = synced.matrixRoomId!;
    const matrixUserId = matrix.userIdFor(ida.username);
    await eventually(
      async () => (await matrix.getRoomState(matrixRoomId)).members,
      (members) => members.some((m) => m.userId === matrixUserId && m.membership === 'join'),
    );

    // The homeserver keeps encrypted messages as opaque ciphertext; what comes back must be the same bytes.
    const { accessToken } = await adminLoginAs(matrixUserId);
    const messages = [];
    for (let i = 0; i < 3; i += 1) {
      const ciphertext = randomBytes(96).toString('base64');
      const sent = await clientCall(
        accessToken,
        'PUT',
        `/rooms/${encodeURIComponent(matrixRoomId)}/send/m.room.encrypted/${randomBytes(8).toString('hex')}`,
        {
          algorithm: 'm.megolm.v1.aes-sha2',
          ciphertext,
          sender_key: randomBytes(32).toString('base64'),
          session_id: randomBytes(32).toString('base64'),
          device_id: 'DRILL',
        },
      );
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      messages.push({ eventId: sent.body.event_id as string, ciphertext });
    }

    const bytes = randomBytes(300 * 1024);
    const name = 'Protokoll Sicherung.bin';
    const uploaded = await rawRequest(
      admin,
      `${documentPath({ tenantId: tenant.id, roomId: room.id })}/files?name=${encodeURIComponent(name)}`,
      Readable.from([bytes]),
      { contentType: 'application/octet-stream', contentLength: bytes.length },
    );
    expect(uploaded.status, uploaded.text).toBe(201);
    const entry = JSON.parse(uploaded.text) as { id: string };

    const members = await json<{ members: { personId: string }[] }>(
      await api.call('GET', `/rooms/${room.id}/members`),
      200,
    );
    writeDrillRecord({
      tenantId: tenant.id,
      roomId: room.id,
      matrixRoomId,
      member: { username: ida.username, password, matrixUserId },
      messages,
      document: {
        entryId: entry.id,
        name,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
      },
      memberIds: members.members.map((m) => m.personId).sort(),
    });
  }, 300_000);
});
