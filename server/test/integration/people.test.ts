import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fetchAs, KeycloakTestAdmin, signIn, signInDemo, type SignedIn } from '../support/signIn.js';
import { eventually, json, type PersonBody } from '../support/tenantsApi.js';

interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: { path: string; message: string }[];
  details?: { field?: string };
}
interface ImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  problems: { line: number; field: string; code: string; value: string }[];
  created: string[];
}

// People of a tenant through the API, on the real stack: validation at the
// edge, domain rules, CSV import with a dry run, and the lifecycle that
// reaches Keycloak, Synapse and the person's open sessions.
describe('people API', () => {
  let admin: SignedIn;
  let tenantId: string;
  const run = randomBytes(3).toString('hex');
  const people = async (query = '') =>
    (await json<{ people: PersonBody[] }>(await fetchAs(admin, `/api/tenants/${tenantId}/people${query}`), 200)).people;

  beforeAll(async () => {
    admin = await signInDemo('amelie.admin');
    tenantId = admin.actor.tenantId!;
  });

  it('rejects invalid input at the edge with problem+json naming each field', async () => {
    const response = await fetchAs(admin, `/api/tenants/${tenantId}/people`, {
      method: 'POST',
      body: JSON.stringify({ email: 'not-an-address', firstName: '', role: 'boss', extra: 1 }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as Problem;
    const paths = problem.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.firstName', 'body.lastName', 'body.role']));
    expect(paths.some((p) => p === 'body' || p.startsWith('body'))).toBe(true);
  });

  it('refuses a foreign e-mail domain and a duplicate with the field named', async () => {
    const foreign = await fetchAs(admin, `/api/tenants/${tenantId}/people`, {
      method: 'POST',
      body: JSON.stringify({ email: `x.${run}@elsewhere.example`, firstName: 'X', lastName: 'Y' }),
    });
    expect(foreign.status).toBe(422);
    expect(((await foreign.json()) as Problem).details?.field).toBe('email');
    const duplicate = await fetchAs(admin, `/api/tenants/${tenantId}/people`, {
      method: 'POST',
      body: JSON.stringify({ email: 'bernd.beispiel@demo.example', firstName: 'B', lastName: 'B' }),
    });
    expect(duplicate.status).toBe(409);
  });

  it('refuses an import by a member with 403 before reading the file, however large or broken', async () => {
    const member = await signInDemo('bernd.beispiel');
    expect(member.actor).toMatchObject({ tenantId, tenantRole: 'member' });
    const importAs = (s: SignedIn, body: string) =>
      fetchAs(s, `/api/tenants/${tenantId}/people/import`, { method: 'POST', body });
    const cases = {
      'broken CSV': JSON.stringify({ csv: '"never closed\n', dryRun: true }),
      'no CSV at all': JSON.stringify({ dryRun: 'perhaps', extra: 1 }),
      'not JSON': '{"csv": ',
      'above the body limit': JSON.stringify({ csv: `email;Vorname;Nachname\n${'x;y;z\n'.repeat(400_000)}` }),
    };
    for (const [name, body] of Object.entries(cases)) {
      const response = await importAs(member, body);
      expect([name, response.status]).toEqual([name, 403]);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      await response.body?.cancel();
    }
    // The admin's broken file is read, and answered for what it is.
    expect((await importAs(admin, cases['broken CSV'])).status).toBe(422);
    expect((await importAs(admin, cases['not JSON'])).status).toBe(400);
    expect((await importAs(admin, cases['above the body limit'])).status).toBe(413);
  });

  it('imports a CSV: the dry run names the 3 bad rows and changes nothing; confirming adds the rest', async () => {
    const lines = ['email;Vorname;Nachname;Rolle'];
    for (let i = 1; i <= 200; i++) lines.push(`imp${i}.${run}@demo.example;Vor${i};Nach${i};member`);
    lines[50] = `;Ohne;Adresse;member`; // line 51: missing e-mail
    lines[100] = `fremd.${run}@anderswo.example;Fremd;Domain;member`; // line 101: foreign domain
    lines[150] = lines[10]!; // line 151: duplicate of line 11
    const csv = `${lines.join('\n')}\n`;
    const before = (await people()).length;

    const dry = await json<ImportReport>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people/import`, {
        method: 'POST',
        body: JSON.stringify({ csv, dryRun: true }),
      }),
      200,
    );
    expect(dry).toMatchObject({ dryRun: true, rows: 200, valid: 197, created: [] });
    expect(dry.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [51, 'email', 'missing-email'],
      [101, 'email', 'foreign-domain'],
      [151, 'email', 'duplicate-in-file'],
    ]);
    expect((await people()).length).toBe(before);

    const applied = await json<ImportReport>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people/import`, {
        method: 'POST',
        body: JSON.stringify({ csv, dryRun: false }),
      }),
      200,
    );
    expect(applied.created).toHaveLength(197);
    expect((await people()).length).toBe(before + 197);

    // Every imported person reaches Keycloak and Synapse.
    await eventually(
      () => people(`?search=${run}`),
      (list) => list.length === 197 && list.every((p) => p.sync.state === 'done'),
      240_000,
    );
    const keycloak = new KeycloakTestAdmin();
    expect(await keycloak.userId(`imp7.${run}`)).toMatch(/[0-9a-f-]{36}/);
  }, 300_000);

  it('changes a role and records who changed what', async () => {
    const [person] = await people(`?search=imp2.${run}`);
    const changed = await json<PersonBody & { role: string }>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people/${person!.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ role: 'guest' }),
      }),
      200,
    );
    expect(changed.role).toBe('guest');
    const audit = await json<{
      entries: { action: string; targetId: string; details: Record<string, unknown>; actorName: string }[];
    }>(await fetchAs(admin, `/api/tenants/${tenantId}/audit?action=person.changeRole`), 200);
    expect(audit.entries[0]).toMatchObject({
      targetId: person!.id,
      details: { from: 'member', to: 'guest' },
      actorName: 'Amelie Adler',
    });
  });

  it('deactivation signs the person out, disables them in Keycloak; reactivation undoes it', async () => {
    const [person] = await people(`?search=imp3.${run}`);
    const keycloak = new KeycloakTestAdmin();
    const userId = await keycloak.userId(person!.username);
    const password = `Pw-${run}-x9`;
    await keycloak.call('PUT', `/users/${userId}/reset-password`, {
      type: 'password',
      value: password,
      temporary: false,
    });
    const theirs = await signIn(person!.username, password);
    expect((await (await fetchAs(theirs, '/api/session')).json()) as { authenticated: boolean }).toMatchObject({
      authenticated: true,
    });

    await json(
      await fetchAs(admin, `/api/tenants/${tenantId}/people/${person!.id}/deactivate`, { method: 'POST' }),
      200,
    );
    await eventually(
      async () => ((await (await fetchAs(theirs, '/api/session')).json()) as { authenticated: boolean }).authenticated,
      (authenticated) => !authenticated,
      5_000,
    );
    await eventually(
      async () => (await keycloak.call('GET', `/users/${userId}`)) as { enabled: boolean },
      (u) => !u.enabled,
      30_000,
    );
    await expect(signIn(person!.username, password)).rejects.toThrow();

    await json(
      await fetchAs(admin, `/api/tenants/${tenantId}/people/${person!.id}/reactivate`, { method: 'POST' }),
      200,
    );
    await eventually(
      async () => (await keycloak.call('GET', `/users/${userId}`)) as { enabled: boolean },
      (u) => u.enabled,
      30_000,
    );
    const again = await signIn(person!.username, password);
    expect(again.actor.userId).toBe(person!.id);
  }, 120_000);

  it('offers no way to change or delete audit entries', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await fetchAs(admin, `/api/tenants/${tenantId}/audit`, { method });
      expect(response.status).toBe(404);
    }
  });
});
