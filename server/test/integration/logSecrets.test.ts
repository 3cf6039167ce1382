import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { startBackend, waitUntilListening, type BackendRun } from '../support/backendProcess.js';
import { insertEntry } from '../support/documentFixtures.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { json } from '../support/tenantsApi.js';

// A backend of its own at LOG_LEVEL=trace (the stack's database and public URL, so Keycloak sends
// the sign-in back to it), taken through a journey that issues every kind of secret the workspace
// hands out. Afterwards its whole log output must hold none of them.
describe('secrets never reach the log', () => {
  let run: BackendRun;
  const secrets = new Map<string, string>();
  const remember = (what: string, value: string | null | undefined): void => {
    expect(value, what).toBeTruthy();
    secrets.set(what, value!);
  };

  beforeAll(async () => {
    run = await startBackend({
      DATABASE_URL: stackEnv('DATABASE_URL'),
      PUBLIC_URL: stackEnv('PUBLIC_URL'),
      LOG_LEVEL: 'trace',
      JITSI_DOMAIN: stackEnv('JITSI_DOMAIN'),
      JITSI_APP_ID: stackEnv('JITSI_APP_ID'),
      JITSI_APP_SECRET: stackEnv('JITSI_APP_SECRET'),
      WOPI_ENABLED: 'true',
    });
    await waitUntilListening(run);
  });
  afterAll(async () => {
    await run?.stop();
  });

  it('logs the journey of sign-in, guest link, meeting, WOPI and sign-out without one secret', async () => {
    const publicUrl = stackEnv('PUBLIC_URL');
    const visited: string[] = [];
    const admin: SignedIn = await signInDemo('amelie.admin', run.url, {
      publicUrl,
      onRedirect: (url) => visited.push(url),
    });
    const callback = new URL(visited.find((url) => url.includes('/auth/callback?'))!);
    remember('authorization code', callback.searchParams.get('code'));
    remember('state', callback.searchParams.get('state'));
    remember('session state', callback.searchParams.get('session_state'));
    const authorize = new URL(visited.find((url) => url.includes('/protocol/openid-connect/auth?'))!);
    remember('nonce', authorize.searchParams.get('nonce'));
    remember('session cookie', admin.cookie.split('=')[1]);
    remember('CSRF token', admin.csrfToken);

    // Errors and refusals carry secrets too: a forged callback and a wrong CSRF token.
    const forgedState = `forged-state-${randomBytes(8).toString('hex')}`;
    remember('forged state', forgedState);
    await (await fetch(`${run.url}/auth/callback?code=forged-code-${forgedState}&state=${forgedState}`)).body?.cancel();
    const wrongCsrf = `wrong-csrf-${randomBytes(8).toString('hex')}`;
    remember('wrong CSRF token', wrongCsrf);
    const refused = await fetchAs(admin, `/api/tenants/${admin.actor.tenantId}/rooms`, {
      method: 'POST',
      headers: { 'X-CSRF-Token': wrongCsrf },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(refused.status).toBe(403);

    // The homeserver's sign-on comes back to the chat's page with a one-time login token.
    const loginToken = `syl_${randomBytes(12).toString('hex')}`;
    remember('chat login token', loginToken);
    await (await fetch(`${run.url}/chat/anmeldung?loginToken=${loginToken}`)).body?.cancel();

    const tenantId = admin.actor.tenantId!;
    const room = await json<{ id: string }>(
      await fetchAs(admin, `/api/tenants/${tenantId}/rooms`, {
        method: 'POST',
        body: JSON.stringify({ name: `Protokoll ${randomBytes(3).toString('hex')}` }),
      }),
      201,
    );
    const base = `/api/tenants/${tenantId}/rooms/${room.id}`;

    const meeting = await json<{ jwt: string }>(await fetchAs(admin, `${base}/meeting/token`, { method: 'POST' }), 200);
    remember('meeting token', meeting.jwt);

    const link = await json<{ url: string }>(
      await fetchAs(admin, `${base}/guest-links`, { method: 'POST', body: JSON.stringify({ name: 'Frau Extern' }) }),
      201,
    );
    const guestSecret = link.url.split('/guest/')[1]!;
    remember('guest link', guestSecret);
    // The guest opens the page (the client's route), reads the link and joins.
    await (await fetch(`${run.url}/guest/${guestSecret}`)).body?.cancel();
    await json(await fetch(`${run.url}/api/guest/${guestSecret}`), 200);
    const knock = (body: object) =>
      fetch(`${run.url}/api/guest/${guestSecret}/join`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ displayName: 'Erika Extern', ...body }),
      });
    // The guest waits until the room's owner lets them in, then gets the meeting's token.
    const { admissionId } = await json<{ admissionId: string }>(await knock({}), 202);
    const admitted = await fetchAs(admin, `${base}/meeting/waiting/${admissionId}`, {
      method: 'POST',
      body: JSON.stringify({ admit: true }),
    });
    expect(admitted.status).toBe(204);
    const joined = await json<{ jwt: string }>(await knock({ admissionId }), 200);
    remember('guest meeting token', joined.jwt);
    const unknownGuest = randomBytes(32).toString('base64url');
    remember('unknown guest link', unknownGuest);
    expect((await fetch(`${run.url}/api/guest/${unknownGuest}`)).status).toBe(404);

    const db = openDatabase(stackEnv('DATABASE_URL'));
    const { entryId } = await insertEntry(createStore(db), {
      tenantId,
      roomId: room.id,
      name: 'Bescheid.odt',
      kind: 'file',
      contentType: 'application/vnd.oasis.opendocument.text',
      bytes: Buffer.from('PK odt'),
      by: { id: admin.actor.userId!, name: admin.actor.displayName },
    });
    await db.destroy();
    const access = await json<{ accessToken: string }>(
      await fetchAs(admin, `${base}/documents/entries/${entryId}/wopi`, { method: 'POST' }),
      200,
    );
    remember('WOPI access token', access.accessToken);
    // The office suite calls with the token in the query, and with it as a bearer header.
    const info = await fetch(`${run.url}/wopi/files/${entryId}?access_token=${access.accessToken}`);
    expect(info.status).toBe(200);
    await info.body?.cancel();
    const byHeader = await fetch(`${run.url}/wopi/files/${entryId}`, {
      headers: { Authorization: `Bearer ${access.accessToken}` },
    });
    expect(byHeader.status).toBe(200);
    await byHeader.body?.cancel();

    const signOut = await json<{ redirect: string }>(await fetchAs(admin, '/auth/logout', { method: 'POST' }), 200);
    remember('ID token (end-session hint)', new URL(signOut.redirect).searchParams.get('id_token_hint'));

    await run.stop();
    const output = run.output();
    // The journey was logged: the requests are there, their secrets are not.
    expect(output).toContain('"url":"/auth/callback?');
    expect(output).toContain(`"url":"/api/guest/[redacted]/join"`);
    expect(output).toContain(`"url":"/wopi/files/${entryId}?access_token=[redacted]"`);
    const found = [...secrets].filter(([, value]) => output.includes(value)).map(([what]) => what);
    expect(found).toEqual([]);
  }, 120_000);
});
