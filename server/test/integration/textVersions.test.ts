import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import {
  closeCollabClients,
  openCollabClient as open,
  sleep,
  until,
  type CollabClient as Client,
} from '../support/collabClient.js';
import { eventually, json } from '../support/tenantsApi.js';

// Versions of collaborative text documents against the real stack: saved and
// restored through the API while real Hocuspocus providers (as the browser's
// editor uses them) are connected, and made on their own when the last
// editor leaves.

interface EntryBody {
  id: string;
  kind: string;
  version: number | null;
}

interface VersionBody {
  id: string;
  number: number;
  contentType: string;
  createdBy: { id: string; name: string };
  current: boolean;
}

describe('versions of text documents', () => {
  let owner: SignedIn; // bernd.beispiel, owns the room
  let colleague: SignedIn; // amelie.admin, a member of the room
  let guest: SignedIn; // gabi.gast, a guest of the room
  let tenantId: string;
  let roomId: string;

  const library = (rest: string) => `/api/tenants/${tenantId}/rooms/${roomId}/documents${rest}`;
  const post = (s: SignedIn, path: string, body?: unknown) =>
    fetchAs(s, path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const newText = async () =>
    json<EntryBody>(
      await post(owner, library('/texts'), { name: `Vermerk ${randomBytes(3).toString('hex')}`, parentId: null }),
      201,
    );
  const versionsOf = async (entryId: string) =>
    (await json<{ versions: VersionBody[] }>(await fetchAs(colleague, library(`/entries/${entryId}/versions`)), 200))
      .versions;
  const saved = (c: Client) => until(() => !c.provider.hasUnsyncedChanges);

  beforeAll(async () => {
    [owner, colleague, guest] = await Promise.all([
      signInDemo('bernd.beispiel'),
      signInDemo('amelie.admin'),
      signInDemo('gabi.gast'),
    ]);
    tenantId = owner.actor.tenantId!;
    roomId = (
      await json<{ id: string }>(
        await post(owner, `/api/tenants/${tenantId}/rooms`, { name: `Versionen ${randomBytes(3).toString('hex')}` }),
        201,
      )
    ).id;
    for (const [who, role] of [
      [colleague, 'member'],
      [guest, 'guest'],
    ] as const) {
      const r = await fetchAs(owner, `/api/tenants/${tenantId}/rooms/${roomId}/members/${who.actor.userId}`, {
        method: 'PUT',
        body: JSON.stringify({ role }),
      });
      expect(r.status).toBe(204);
    }
  }, 120_000);

  afterEach(() => {
    closeCollabClients();
  });

  it('compares two versions side by side, the older first, for a guest who may read them too', async () => {
    const text = await newText();
    const a = open(owner, text.id);
    expect(await a.outcome).toBe('read-write');
    a.write('Der Ausschuss tagt am Montag.');
    a.write('Punkt zwei entfällt.');
    await saved(a);
    await json(await post(owner, library(`/entries/${text.id}/versions`)), 201);
    a.write('Straßenbau');
    await saved(a);
    await json(await post(owner, library(`/entries/${text.id}/versions`)), 201);
    const [newer, older] = await versionsOf(text.id);

    // Asked either way round, the older version is on the left.
    const compared = await json<{
      from: { number: number };
      to: { number: number };
      blocks: { change: string; before: { text: string; change: string }[] | null; after: { text: string }[] | null }[];
    }>(await fetchAs(guest, library(`/entries/${text.id}/versions/compare?from=${newer!.id}&to=${older!.id}`)), 200);
    expect([compared.from.number, compared.to.number]).toEqual([1, 2]);
    expect(compared.blocks.map((b) => b.change)).toEqual(['same', 'same', 'added']);
    expect(compared.blocks[2]).toMatchObject({ before: null, after: [{ text: 'Straßenbau', change: 'added' }] });

    const other = await newText();
    const foreign = await fetchAs(
      owner,
      library(`/entries/${other.id}/versions/compare?from=${older!.id}&to=${newer!.id}`),
    );
    expect(foreign.status).toBe(404);
  });

  it('saves versions and restores one into the open editors, keeping every version', async () => {
    const text = await newText();
    const a = open(owner, text.id);
    const b = open(colleague, text.id);
    expect(await a.outcome).toBe('read-write');
    expect(await b.outcome).toBe('read-write');
    a.write('Erste Fassung');
    await saved(a);

    const first = await json<EntryBody>(await post(owner, library(`/entries/${text.id}/versions`)), 201);
    expect(first).toMatchObject({ id: text.id, kind: 'text', version: 1 });

    b.write('Zweiter Absatz');
    await until(() => a.paragraphs().join('|') === 'Erste Fassung|Zweiter Absatz');
    await saved(b);
    const second = await json<EntryBody>(await post(colleague, library(`/entries/${text.id}/versions`)), 201);
    expect(second.version).toBe(2);
    a.write('Ungespeichert');
    await until(() => b.paragraphs().length === 3);
    await saved(a);

    const listed = await versionsOf(text.id);
    expect(listed.map((v) => [v.number, v.current, v.createdBy.id])).toEqual([
      [2, true, colleague.actor.userId],
      [1, false, owner.actor.userId],
    ]);
    expect(listed.every((v) => v.contentType === 'application/vnd.arbeitsbereich.yjs')).toBe(true);
    // The editing states are not handed out as files: a text document is read as an export.
    const raw = await fetchAs(colleague, library(`/entries/${text.id}/content?version=${listed[1]!.id}`));
    expect(raw.status).toBe(422);
    expect(raw.headers.get('content-type')).toContain('application/problem+json');
    expect(((await raw.json()) as { type: string }).type).toMatch(/export-text-documents$/);

    const restored = await json<EntryBody>(
      await post(colleague, library(`/entries/${text.id}/versions/${listed[1]!.id}/restore`)),
      200,
    );
    expect(restored.version).toBe(3);
    // Both open editors show the restored text, without reconnecting.
    await until(() => a.paragraphs().join('|') === 'Erste Fassung' && b.paragraphs().join('|') === 'Erste Fassung');

    const after = await versionsOf(text.id);
    expect(after.map((v) => [v.number, v.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    expect(after[0]!.createdBy.id).toBe(colleague.actor.userId);

    // The restored text is what is stored, and editing goes on from it.
    a.write('Weiter');
    await until(() => b.paragraphs().join('|') === 'Erste Fassung|Weiter');
    const later = open(guest, text.id);
    expect(await later.outcome).toBe('readonly');
    await until(() => later.paragraphs().join('|') === 'Erste Fassung|Weiter');

    const audit = await json<{ entries: { action: string; targetId: string | null; details: unknown }[] }>(
      await fetchAs(colleague, `/api/tenants/${tenantId}/audit?limit=200`),
      200,
    );
    const mine = audit.entries.filter((e) => e.targetId === text.id).map((e) => e.action);
    expect(mine.filter((a) => a === 'document.saveVersion')).toHaveLength(2);
    expect(mine).toContain('document.restoreVersion');
  }, 60_000);

  it('refuses room guests (403), and files (422) for saving a version', async () => {
    const text = await newText();
    const first = await json<EntryBody>(await post(owner, library(`/entries/${text.id}/versions`)), 201);
    expect(first.version).toBe(1);
    const [version] = await versionsOf(text.id);
    expect((await post(guest, library(`/entries/${text.id}/versions`))).status).toBe(403);
    expect((await post(guest, library(`/entries/${text.id}/versions/${version!.id}/restore`))).status).toBe(403);
    expect(await versionsOf(text.id)).toHaveLength(1);

    const file = await json<EntryBody>(
      await fetchAs(owner, library(`/files?name=notiz-${randomBytes(3).toString('hex')}.txt`), {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: 'Notiz',
      }),
      201,
    );
    const refused = await post(owner, library(`/entries/${file.id}/versions`));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { type: string }).type).toMatch(/not-a-text-document$/);
  });

  it('keeps a version when the last editor leaves, and none when nothing changed', async () => {
    const text = await newText();
    const a = open(owner, text.id);
    const b = open(colleague, text.id);
    await Promise.all([a.outcome, b.outcome]);
    a.write('Beim Verlassen gespeichert');
    await until(() => b.paragraphs().length === 1);
    await saved(a);
    a.close();
    // One editor is still there: no version yet.
    await sleep(3_000);
    expect(await versionsOf(text.id)).toEqual([]);
    b.close();

    const made = await eventually(
      () => versionsOf(text.id),
      (v) => v.length > 0,
      15_000,
    );
    // The one who wrote last is its author.
    expect(made.map((v) => [v.number, v.createdBy.id])).toEqual([[1, owner.actor.userId]]);

    // Opened and left without a change (a read-only guest, then an editor who typed nothing): no new version.
    const g = open(guest, text.id);
    const c = open(colleague, text.id);
    await Promise.all([g.outcome, c.outcome]);
    await until(() => c.paragraphs().join('|') === 'Beim Verlassen gespeichert');
    g.close();
    c.close();
    // An edit undone before leaving changes the Yjs bytes, not the text: no version either.
    const d = open(owner, text.id);
    expect(await d.outcome).toBe('read-write');
    await until(() => d.paragraphs().length === 1);
    d.write('Gleich wieder weg');
    await saved(d);
    d.provider.document.getXmlFragment('default').delete(1, 1);
    await saved(d);
    d.close();
    await sleep(6_000);
    expect((await versionsOf(text.id)).map((v) => v.number)).toEqual([1]);

    const audit = await json<{ entries: { action: string; targetId: string | null; actorName: string }[] }>(
      await fetchAs(colleague, `/api/tenants/${tenantId}/audit?action=document.autoVersion&limit=100`),
      200,
    );
    expect(audit.entries.filter((e) => e.targetId === text.id)).toHaveLength(1);
  }, 60_000);

  it('restores a version of a document nobody has open, into what the next editor loads', async () => {
    const text = await newText();
    const a = open(owner, text.id);
    expect(await a.outcome).toBe('read-write');
    a.write('Alt');
    await saved(a);
    await json(await post(owner, library(`/entries/${text.id}/versions`)), 201);
    a.write('Neu');
    await saved(a);
    a.close();
    const versions = await eventually(
      () => versionsOf(text.id),
      (v) => v.length === 2,
      15_000,
    );
    const restored = await json<EntryBody>(
      await post(owner, library(`/entries/${text.id}/versions/${versions[1]!.id}/restore`)),
      200,
    );
    expect(restored.version).toBe(3);
    const b = open(colleague, text.id);
    expect(await b.outcome).toBe('read-write');
    await until(() => b.paragraphs().join('|') === 'Alt');
  }, 60_000);
});
