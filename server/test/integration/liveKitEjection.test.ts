import { randomBytes } from 'node:crypto';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntilListening, type BackendRun } from '../support/backendProcess.js';
import { liveKitHttp, signal, startLiveKitBackend } from '../support/liveKit.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { json, tenantApi } from '../support/tenantsApi.js';

// Ejection on the test stack's real LiveKit server (ADR 0046): whoever may no longer be in a room's
// meeting is taken out of the running meeting by the outbox within 5 s. A backend of its own with
// MEETINGS_PROVIDER=livekit mints the tokens and runs the jobs; the stack's own backend (Jitsi)
// leaves those jobs to it.

describe('ejection from a running meeting on LiveKit', () => {
  let livekit: BackendRun;
  let owner: SignedIn; // bernd.beispiel owns the rooms
  let admin: SignedIn; // amelie.admin, the tenant's admin and a plain member of the rooms
  const sockets: WebSocket[] = [];
  const rooms = () => new RoomServiceClient(liveKitHttp(), stackEnv('LIVEKIT_API_KEY'), stackEnv('LIVEKIT_API_SECRET'));
  const on = (s: SignedIn): SignedIn => ({ ...s, baseUrl: livekit.url });
  const identities = async (roomName: string) => (await rooms().listParticipants(roomName)).map((p) => p.identity);

  /** A new room of the owner's with the admin as a plain member; its meeting held on LiveKit. */
  async function meetingRoom(): Promise<{ base: string; roomName: string }> {
    const tenantId = owner.actor.tenantId!;
    const room = await json<{ id: string }>(
      await fetchAs(owner, `/api/tenants/${tenantId}/rooms`, {
        method: 'POST',
        body: JSON.stringify({ name: `Auswurf ${randomBytes(3).toString('hex')}` }),
      }),
      201,
    );
    const base = `/api/tenants/${tenantId}/rooms/${room.id}`;
    const added = await fetchAs(owner, `${base}/members/${admin.actor.userId}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'member' }),
    });
    expect(added.status).toBe(204);
    const { roomName } = await json<{ roomName: string }>(
      await fetchAs(on(owner), `${base}/meeting/token`, { method: 'POST' }),
      200,
    );
    return { base, roomName };
  }

  /** Joins the meeting with the backend's token for the signed-in person, as their browser does. */
  async function join(s: SignedIn, base: string): Promise<void> {
    const { jwt } = await json<{ jwt: string }>(await fetchAs(on(s), `${base}/meeting/token`, { method: 'POST' }), 200);
    sockets.push(await signal(jwt));
  }

  /** Milliseconds until none of `who` is in the meeting any more (fails after 10 s). */
  async function gone(roomName: string, who: (identity: string) => boolean, since: number): Promise<number> {
    while (Date.now() - since < 10_000) {
      if (!(await identities(roomName)).some(who)) return Date.now() - since;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`still in the meeting after 10 s: ${(await identities(roomName)).join(', ')}`);
  }

  beforeAll(async () => {
    livekit = await startLiveKitBackend();
    [owner, admin] = await Promise.all([
      signInDemo('bernd.beispiel'),
      signInDemo('amelie.admin'),
      waitUntilListening(livekit),
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await livekit?.stop();
  });

  it('takes a member removed from the room out of the meeting within 5 s', async () => {
    const { base, roomName } = await meetingRoom();
    await Promise.all([join(owner, base), join(admin, base)]);
    const member = String(admin.actor.userId);
    expect(await identities(roomName)).toContain(member);

    const since = Date.now();
    expect((await fetchAs(owner, `${base}/members/${member}`, { method: 'DELETE' })).status).toBe(204);
    expect(await gone(roomName, (id) => id === member, since)).toBeLessThan(5_000);
    // The owner stays; the removed member gets no new token.
    expect(await identities(roomName)).toEqual([String(owner.actor.userId)]);
    expect((await fetchAs(on(admin), `${base}/meeting/token`, { method: 'POST' })).status).toBe(403);
  });

  it('takes a deactivated person out of the meeting within 5 s', async () => {
    const { base, roomName } = await meetingRoom();
    const tenantId = owner.actor.tenantId!;
    const person = await tenantApi(admin, tenantId, 'demo').newPerson(`lk${randomBytes(3).toString('hex')}`);
    const added = await fetchAs(owner, `${base}/members/${person.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'member' }),
    });
    expect(added.status).toBe(204);
    // Their browser joined with a token for their identity, as the backend mints it.
    const token = new AccessToken(stackEnv('LIVEKIT_API_KEY'), stackEnv('LIVEKIT_API_SECRET'), {
      identity: person.id,
      name: 'Probe',
    });
    token.addGrant({ room: roomName, roomJoin: true, canSubscribe: true, canPublish: true });
    sockets.push(await signal(await token.toJwt()));
    await join(owner, base);
    expect(await identities(roomName)).toContain(person.id);

    const since = Date.now();
    const deactivated = await fetchAs(admin, `/api/tenants/${tenantId}/people/${person.id}/deactivate`, {
      method: 'POST',
    });
    expect(deactivated.status).toBe(200);
    expect(await gone(roomName, (id) => id === person.id, since)).toBeLessThan(5_000);
    expect(await identities(roomName)).toEqual([String(owner.actor.userId)]);
  });

  it('takes the guests of a revoked guest link out of the meeting within 5 s', async () => {
    const { base, roomName } = await meetingRoom();
    const link = await json<{ id: string; url: string }>(
      await fetchAs(on(owner), `${base}/guest-links`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Frau Extern' }),
      }),
      201,
    );
    const secret = link.url.split('/guest/')[1]!;
    const knock = (body: object) =>
      fetch(`${livekit.url}/api/guest/${secret}/join`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ displayName: 'Erika Extern', ...body }),
      });
    // The guest waits until the owner lets them in from the waiting room.
    const { admissionId } = await json<{ admissionId: string }>(await knock({}), 202);
    expect(
      (
        await fetchAs(on(owner), `${base}/meeting/waiting/${admissionId}`, {
          method: 'POST',
          body: JSON.stringify({ admit: true }),
        })
      ).status,
    ).toBe(204);
    const ticket = await json<{ jwt: string }>(await knock({ admissionId }), 200);
    sockets.push(await signal(ticket.jwt));
    await join(owner, base);
    const guest = (id: string) => id.startsWith(`guest-${link.id}-`);
    expect((await identities(roomName)).some(guest)).toBe(true);

    const since = Date.now();
    expect((await fetchAs(owner, `${base}/guest-links/${link.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await gone(roomName, guest, since)).toBeLessThan(5_000);
    expect(await identities(roomName)).toEqual([String(owner.actor.userId)]);
  });

  it('ends the meeting for everyone when a moderator ends it, and only then', async () => {
    const { base, roomName } = await meetingRoom();
    await Promise.all([join(owner, base), join(admin, base)]);
    expect(await identities(roomName)).toHaveLength(2);

    // A plain member may not end it.
    expect((await fetchAs(on(admin), `${base}/meeting/end`, { method: 'POST' })).status).toBe(403);
    expect(await identities(roomName)).toHaveLength(2);

    const since = Date.now();
    expect((await fetchAs(on(owner), `${base}/meeting/end`, { method: 'POST' })).status).toBe(204);
    expect(await gone(roomName, () => true, since)).toBeLessThan(5_000);
    const meeting = await json<{ running: boolean }>(await fetchAs(on(owner), `${base}/meeting`), 200);
    expect(meeting.running).toBe(false);
  });
});
