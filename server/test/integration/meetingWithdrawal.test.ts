import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { json } from '../support/tenantsApi.js';
import { roomWithMembers } from '../support/roomsApi.js';

// The waiting room (ADR 0051): a guest who stops waiting withdraws the request at once, so the
// moderators no longer see someone who has gone, and a later answer is refused.
type Json = Record<string, unknown>;
interface MeetingBody {
  waiting?: { admissionId: string }[];
}

describe('a guest who stops waiting', () => {
  let owner: SignedIn;
  let member: SignedIn; // amelie.admin: a plain member of the room, the tenant's admin (reads its audit log)
  let guest: SignedIn;
  let tenantId: string;
  let base: string;

  const post = (s: SignedIn, path: string, body?: unknown) =>
    fetchAs(s, path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const del = (s: SignedIn, path: string) => fetchAs(s, path, { method: 'DELETE' });
  const waitingSeenBy = async (s: SignedIn) =>
    ((await json<MeetingBody>(await fetchAs(s, `${base}/meeting`), 200)).waiting ?? []).map((w) => w.admissionId);
  const auditedWithdrawals = async () =>
    (
      await json<{ entries: { details: Json }[] }>(
        await fetchAs(member, `/api/tenants/${tenantId}/audit?action=meeting.withdraw&limit=50`),
        200,
      )
    ).entries.map((e) => e.details.admissionId);

  beforeAll(async () => {
    [owner, member, guest] = await Promise.all([
      signInDemo('bernd.beispiel'),
      signInDemo('amelie.admin'),
      signInDemo('gabi.gast'),
    ]);
    tenantId = owner.actor.tenantId!;
    ({ base } = await roomWithMembers(owner, { name: `Warteraum ${randomBytes(3).toString('hex')}` }, [
      [member, 'member'],
      [guest, 'guest'],
    ]));
  }, 120_000);

  it('withdraws a link guest’s request: gone from the moderators’ list, audited, a later answer refused', async () => {
    const link = await json<{ url: string }>(await post(owner, `${base}/guest-links`, { name: 'Frau Extern' }), 201);
    const publicBase = `${stackEnv('WORKSPACE_URL')}/api/guest/${link.url.split('/guest/')[1]!}`;
    const knock = async (displayName: string) =>
      String(
        (
          await json<Json>(
            await fetch(`${publicBase}/join`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ displayName }),
            }),
            202,
          )
        ).admissionId,
      );
    const withdraw = (admissionId: string, linkBase = publicBase) =>
      fetch(`${linkBase}/admissions/${admissionId}`, { method: 'DELETE' });

    const admissionId = await knock('Erika Extern');
    const staying = await knock('Max Mogel');
    expect(await waitingSeenBy(owner)).toEqual(expect.arrayContaining([admissionId, staying]));

    // Another link cannot withdraw this link's request: it is unknown there.
    const other = await json<{ url: string }>(await post(owner, `${base}/guest-links`, { name: 'Andere' }), 201);
    const otherBase = `${stackEnv('WORKSPACE_URL')}/api/guest/${other.url.split('/guest/')[1]!}`;
    expect((await withdraw(admissionId, otherBase)).status).toBe(404);

    expect((await withdraw(admissionId)).status).toBe(204);
    // At once, not a minute later; the other guest still waits.
    const seen = await waitingSeenBy(owner);
    expect(seen).not.toContain(admissionId);
    expect(seen).toContain(staying);
    // A moderator's later answer meets the documented refusal; withdrawing again changes nothing.
    const late = await post(owner, `${base}/meeting/waiting/${admissionId}`, { admit: true });
    expect(late.status).toBe(409);
    expect(((await late.json()) as Json).type).toMatch(/admission-decided$/);
    expect((await withdraw(admissionId)).status).toBe(204);
    // The guest asking about it again is told it is over, and knocks anew.
    const asked = await fetch(`${publicBase}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName: 'Erika Extern', admissionId }),
    });
    expect(asked.status).toBe(410);
    expect(await auditedWithdrawals()).toContain(admissionId);

    // An answered request is no longer the guest's to withdraw.
    expect((await post(owner, `${base}/meeting/waiting/${staying}`, { admit: false })).status).toBe(204);
    const answered = await withdraw(staying);
    expect(answered.status).toBe(409);
    expect(((await answered.json()) as Json).type).toMatch(/admission-decided$/);
  });

  it('withdraws a room guest’s own request, and only the guest’s', async () => {
    const admissionId = (await json<{ admissionId: string }>(await post(guest, `${base}/meeting/token`), 202))
      .admissionId;
    expect(await waitingSeenBy(owner)).toContain(admissionId);
    // The moderator answers it or not, but cannot withdraw it; a plain member neither.
    expect((await del(owner, `${base}/meeting/waiting/${admissionId}`)).status).toBe(403);
    expect((await del(member, `${base}/meeting/waiting/${admissionId}`)).status).toBe(403);
    expect(await waitingSeenBy(owner)).toContain(admissionId);

    expect((await del(guest, `${base}/meeting/waiting/${admissionId}`)).status).toBe(204);
    expect(await waitingSeenBy(owner)).not.toContain(admissionId);
    expect((await post(owner, `${base}/meeting/waiting/${admissionId}`, { admit: true })).status).toBe(409);
    expect(await auditedWithdrawals()).toContain(admissionId);
    // Asking anew is a new request.
    const again = (await json<{ admissionId: string }>(await post(guest, `${base}/meeting/token`), 202)).admissionId;
    expect(again).not.toBe(admissionId);
    expect((await del(guest, `${base}/meeting/waiting/${again}`)).status).toBe(204);
  });
});
