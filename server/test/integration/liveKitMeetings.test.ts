import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntilListening, type BackendRun } from '../support/backendProcess.js';
import { liveKitHttp, signal, startLiveKitBackend } from '../support/liveKit.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { json } from '../support/tenantsApi.js';

// Meetings on the test stack's real LiveKit server: a backend of its own with MEETINGS_PROVIDER=livekit,
// on the stack's database and sessions, mints the tokens; LiveKit accepts them and holds their grants.

interface TokenBody {
  provider: string;
  domain: string;
  roomName: string;
  jwt: string;
  moderator: boolean;
}

/** LiveKit's own check of a token, as its client makes it before connecting. */
const validate = (jwt: string) => fetch(`${liveKitHttp()}/rtc/validate?access_token=${encodeURIComponent(jwt)}`);

/** A call of LiveKit's room API with a participant's token: only a room admin may list the others. */
const listAs = (jwt: string, room: string) =>
  fetch(`${liveKitHttp()}/twirp/livekit.RoomService/ListParticipants`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ room }),
  });

describe('meetings on LiveKit', () => {
  let livekit: BackendRun;
  let owner: SignedIn; // bernd.beispiel owns the room
  let member: SignedIn; // amelie.admin, a plain member of the room
  let guest: SignedIn; // gabi.gast, a guest of the room
  let base: string;
  const sockets: WebSocket[] = [];
  const rooms = () => new RoomServiceClient(liveKitHttp(), stackEnv('LIVEKIT_API_KEY'), stackEnv('LIVEKIT_API_SECRET'));
  const on = (s: SignedIn): SignedIn => ({ ...s, baseUrl: livekit.url });

  beforeAll(async () => {
    livekit = await startLiveKitBackend();
    [owner, member, guest] = await Promise.all([
      signInDemo('bernd.beispiel'),
      signInDemo('amelie.admin'),
      signInDemo('gabi.gast'),
      waitUntilListening(livekit),
    ]);
    const tenantId = owner.actor.tenantId!;
    const room = await json<{ id: string }>(
      await fetchAs(owner, `/api/tenants/${tenantId}/rooms`, {
        method: 'POST',
        body: JSON.stringify({ name: `Videoraum ${randomBytes(3).toString('hex')}` }),
      }),
      201,
    );
    base = `/api/tenants/${tenantId}/rooms/${room.id}`;
    for (const [who, role] of [
      [member, 'member'],
      [guest, 'guest'],
    ] as const) {
      const r = await fetchAs(owner, `${base}/members/${who.actor.userId}`, {
        method: 'PUT',
        body: JSON.stringify({ role }),
      });
      expect(r.status).toBe(204);
    }
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await livekit?.stop();
  });

  const ask = (s: SignedIn, body: object = {}) =>
    fetchAs(on(s), `${base}/meeting/token`, { method: 'POST', body: JSON.stringify(body) });
  /** A member's token at once; a room guest's once the owner has let them in from the waiting room. */
  const tokenOf = async (s: SignedIn) => {
    if (s !== guest) return json<TokenBody>(await ask(s), 200);
    const { admissionId } = await json<{ admissionId: string }>(await ask(s), 202);
    const admitted = await fetchAs(on(owner), `${base}/meeting/waiting/${admissionId}`, {
      method: 'POST',
      body: JSON.stringify({ admit: true }),
    });
    expect(admitted.status).toBe(204);
    return json<TokenBody>(await ask(s, { admissionId }), 200);
  };

  it('names LiveKit in the meeting and the client configuration', async () => {
    const config = await json<{ meetings: { provider: string; domain: string } }>(
      await fetch(`${livekit.url}/api/client-config`),
      200,
    );
    expect(config.meetings).toEqual({ provider: 'livekit', domain: stackEnv('LIVEKIT_URL') });
    const meeting = await json<{ available: boolean; provider: string; domain: string }>(
      await fetchAs(on(owner), `${base}/meeting`),
      200,
    );
    expect(meeting).toMatchObject({ available: true, provider: 'livekit', domain: stackEnv('LIVEKIT_URL') });
    // The page may open LiveKit's signalling socket: the content security policy names the server.
    const page = await fetch(`${livekit.url}/`);
    expect(page.headers.get('content-security-policy')).toContain(stackEnv('LIVEKIT_URL'));
  });

  it('mints tokens LiveKit accepts, with the grants of each room role', async () => {
    const [ownerToken, memberToken] = await Promise.all([tokenOf(owner), tokenOf(member)]);
    const guestToken = await tokenOf(guest);
    expect(ownerToken).toMatchObject({ provider: 'livekit', domain: stackEnv('LIVEKIT_URL'), moderator: true });
    expect(memberToken.moderator).toBe(false);
    expect(guestToken.moderator).toBe(false);
    const roomName = ownerToken.roomName;
    expect(memberToken.roomName).toBe(roomName);
    for (const token of [ownerToken, memberToken, guestToken]) expect((await validate(token.jwt)).status).toBe(200);
    for (const token of [ownerToken, memberToken, guestToken]) sockets.push(await signal(token.jwt));

    const participants = await rooms().listParticipants(roomName);
    const byId = new Map(participants.map((p) => [p.identity, p]));
    expect([...byId.keys()].sort()).toEqual(
      [owner.actor.userId, member.actor.userId, guest.actor.userId].map(String).sort(),
    );
    const permission = (s: SignedIn) => byId.get(String(s.actor.userId))?.permission;
    expect(permission(owner)).toMatchObject({ canSubscribe: true, canPublish: true, canPublishData: true });
    expect(permission(member)).toMatchObject({ canSubscribe: true, canPublish: true, canPublishData: true });
    expect(permission(guest)).toMatchObject({ canSubscribe: true, canPublish: false, canPublishData: false });
    for (const s of [owner, member, guest]) expect(permission(s)?.canUpdateMetadata).toBe(false);
    // A room guest carries the guest mark in the meeting, as a link guest does; members do not.
    expect(byId.get(String(guest.actor.userId))?.name).toBe('Gabi Gast (Gast)');
    expect(byId.get(String(member.actor.userId))?.name).not.toContain('(Gast)');

    // roomAdmin: the owner's token opens LiveKit's room API for this room, a member's and a guest's do not.
    expect((await listAs(ownerToken.jwt, roomName)).status).toBe(200);
    expect((await listAs(memberToken.jwt, roomName)).status).not.toBe(200);
    expect((await listAs(guestToken.jwt, roomName)).status).not.toBe(200);
    expect((await listAs(ownerToken.jwt, 'another-room')).status).not.toBe(200);
  });

  it('follows who joins and leaves from LiveKit’s signed webhooks, and refuses a forged or changed one', async () => {
    const { roomName } = await tokenOf(owner);
    const event = (kind: string, who: SignedIn) =>
      JSON.stringify({
        event: kind,
        id: randomUUID(),
        createdAt: String(Math.floor(Date.now() / 1000)),
        room: { name: roomName },
        participant: { identity: String(who.actor.userId), name: 'von LiveKit' },
      });
    const signed = async (body: string, secret = stackEnv('LIVEKIT_API_SECRET')) => {
      const token = new AccessToken(stackEnv('LIVEKIT_API_KEY'), secret);
      token.sha256 = createHash('sha256').update(body).digest('base64');
      return token.toJwt();
    };
    const deliver = (body: string, authorization?: string) =>
      fetch(`${livekit.url}/api/meetings/livekit/webhook`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/webhook+json',
          ...(authorization === undefined ? {} : { Authorization: authorization }),
        },
        body,
      });
    const running = async () =>
      (await json<{ running: boolean }>(await fetchAs(on(owner), `${base}/meeting`), 200)).running;

    const joined = event('participant_joined', member);
    expect((await deliver(joined, await signed(joined, randomBytes(32).toString('hex')))).status).toBe(403);
    expect((await deliver(joined, await signed(event('participant_joined', owner)))).status).toBe(403);
    expect((await deliver(joined)).status).toBe(403);
    expect(await running()).toBe(false);

    const answer = await deliver(joined, await signed(joined));
    expect(answer.status).toBe(204);
    expect(await running()).toBe(true);
    // The room list's mark and the meeting tab: the running meeting and who is in it.
    const listed = async () =>
      (
        await json<{ meetings: { roomId: string; participants: { personId: string }[] }[] }>(
          await fetchAs(on(owner), `/api/tenants/${owner.actor.tenantId}/meetings`),
          200,
        )
      ).meetings.find((m) => base.endsWith(`/rooms/${m.roomId}`));
    expect((await listed())?.participants.map((p) => p.personId)).toEqual([String(member.actor.userId)]);
    const shown = await json<{ participants: { personId: string; displayName: string }[] }>(
      await fetchAs(on(owner), `${base}/meeting`),
      200,
    );
    expect(shown.participants).toEqual([{ personId: String(member.actor.userId), displayName: 'Amelie Adler' }]);
    const left = event('participant_left', member);
    expect((await deliver(left, await signed(left))).status).toBe(204);
    expect(await running()).toBe(false);
    expect(await listed()).toBeUndefined();
  });

  it('is refused by LiveKit when signed with another secret', async () => {
    const forged = new AccessToken(stackEnv('LIVEKIT_API_KEY'), randomBytes(32).toString('hex'), {
      identity: 'intruder',
    });
    forged.addGrant({ room: 'any', roomJoin: true, roomAdmin: true });
    expect((await validate(await forged.toJwt())).status).toBe(401);
  });
});
