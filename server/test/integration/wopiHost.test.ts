import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { insertEntry } from '../support/documentFixtures.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { json } from '../support/tenantsApi.js';

// The WOPI host over HTTP, called as Collabora would: no session, only the access token.
interface Access {
  accessToken: string;
  accessTokenTtl: number;
  wopiSrc: string;
  write: boolean;
}

describe('WOPI host', () => {
  let owner: SignedIn;
  let guest: SignedIn;
  let base: string;
  let entryId: string;
  let otherEntryId: string;

  beforeAll(async () => {
    [owner, guest] = await Promise.all([signInDemo('bernd.beispiel'), signInDemo('gabi.gast')]);
    const tenantId = owner.actor.tenantId!;
    const roomId = (
      await json<{ id: string }>(
        await fetchAs(owner, `/api/tenants/${tenantId}/rooms`, {
          method: 'POST',
          body: JSON.stringify({ name: `Vorlagen ${randomBytes(3).toString('hex')}` }),
        }),
        201,
      )
    ).id;
    base = `/api/tenants/${tenantId}/rooms/${roomId}`;
    const put = await fetchAs(owner, `${base}/members/${guest.actor.userId}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'guest' }),
    });
    expect(put.status).toBe(204);
    const db = openDatabase(stackEnv('DATABASE_URL'));
    const file = (name: string) =>
      insertEntry(createStore(db), {
        tenantId,
        roomId,
        name,
        kind: 'file',
        contentType: 'application/vnd.oasis.opendocument.text',
        bytes: Buffer.from('PK odt'),
        by: { id: owner.actor.userId!, name: owner.actor.displayName },
      });
    entryId = (await file('Brief Ämter.odt')).entryId;
    otherEntryId = (await file('Anderes.odt')).entryId;
    await db.destroy();
  }, 120_000);

  const access = async (s: SignedIn, id = entryId) =>
    json<Access>(await fetchAs(s, `${base}/documents/entries/${id}/wopi`, { method: 'POST' }), 200);
  const wopi = (path: string, token: string, init?: RequestInit) =>
    fetch(`${stackEnv('WORKSPACE_URL')}/wopi/files/${path}?access_token=${encodeURIComponent(token)}`, init);

  it('hands out a token and answers CheckFileInfo with it, without a session', async () => {
    const a = await access(owner);
    expect(a.write).toBe(true);
    expect(a.wopiSrc).toBe(`${stackEnv('PUBLIC_URL')}/wopi/files/${entryId}`);
    expect(a.accessTokenTtl).toBeGreaterThan(Date.now());
    const info = await json<Record<string, unknown>>(await wopi(entryId, a.accessToken), 200);
    expect(info).toMatchObject({
      BaseFileName: 'Brief Ämter.odt',
      Size: 6,
      OwnerId: owner.actor.userId,
      UserId: owner.actor.userId,
      UserFriendlyName: owner.actor.displayName,
      UserCanWrite: true,
      ReadOnly: false,
      SupportsUpdate: true,
      SupportsLocks: false,
    });
  });

  it('refuses missing, forged and other files’ tokens with 401', async () => {
    const a = await access(owner);
    expect((await wopi(entryId, 'kaputt')).status).toBe(401);
    expect((await fetch(`${stackEnv('WORKSPACE_URL')}/wopi/files/${entryId}`)).status).toBe(401);
    expect((await wopi(otherEntryId, a.accessToken)).status).toBe(401);
    const [h, p, s] = a.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, ent: otherEntryId })).toString('base64url')}.${s}`;
    expect((await wopi(otherEntryId, forged)).status).toBe(401);
  });

  it('gives a room guest a read-only token whose PutFile is refused', async () => {
    const a = await access(guest);
    expect(a.write).toBe(false);
    const info = await json<Record<string, unknown>>(await wopi(entryId, a.accessToken), 200);
    expect(info).toMatchObject({ UserCanWrite: false, ReadOnly: true, UserId: guest.actor.userId });
    const put = await wopi(`${entryId}/contents`, a.accessToken, {
      method: 'POST',
      headers: { 'X-WOPI-Override': 'PUT', 'Content-Type': 'application/octet-stream' },
      body: Buffer.from('überschrieben'),
    });
    expect(put.status).toBe(401);
  });
});
