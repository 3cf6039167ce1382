import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chatDeviceLogin } from '../support/chatSignIn.js';
import { clientCall } from '../support/matrixAdmin.js';
import { fetchAs, signIn } from '../support/signIn.js';
import { json } from '../support/tenantsApi.js';
import { documentPath, readDrillRecord } from './drillRecord.js';

// Second half of the restore drill (ADR 0035): every store was wiped and restored from the backup,
// and the stack started again. The people sign in, the room's history and documents are there.
describe('restore drill: after the restore', () => {
  const record = readDrillRecord();

  it('signs the person in to the workspace, in their tenant, with their password from before', async () => {
    const ida = await signIn(record.member.username, record.member.password);
    expect(ida.actor.tenantId).toBe(record.tenantId);
    const room = await json<{ id: string; matrixRoomId: string | null }>(
      await fetchAs(ida, `/api/tenants/${record.tenantId}/rooms/${record.roomId}`),
      200,
    );
    expect(room.matrixRoomId).toBe(record.matrixRoomId);
    const members = await json<{ members: { personId: string }[] }>(
      await fetchAs(ida, `/api/tenants/${record.tenantId}/rooms/${record.roomId}/members`),
      200,
    );
    expect(members.members.map((m) => m.personId).sort()).toEqual(record.memberIds);
  }, 120_000);

  it('gives back the document byte for byte', async () => {
    const ida = await signIn(record.member.username, record.member.password);
    const download = await fetchAs(ida, `${documentPath(record)}/entries/${record.document.entryId}/content`);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(record.document.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(record.document.sha256);
  }, 120_000);

  it('signs the person in to the chat by single sign-on, and the room’s history is there as the same ciphertext', async () => {
    const device = await chatDeviceLogin(record.member.username, record.member.password);
    expect(device.userId).toBe(record.member.matrixUserId);
    const page = await clientCall(
      device.accessToken,
      'GET',
      `/rooms/${encodeURIComponent(record.matrixRoomId)}/messages?dir=b&limit=100`,
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const events = page.body.chunk as { event_id: string; type: string; content: { ciphertext?: string } }[];
    const encrypted = events
      .filter((e) => e.type === 'm.room.encrypted')
      .map((e) => ({ eventId: e.event_id, ciphertext: e.content.ciphertext }))
      .reverse();
    expect(encrypted).toEqual(record.messages);
  }, 120_000);
});
