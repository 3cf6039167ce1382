import { Readable } from 'node:stream';
import type { ArchiveFile, ArchiveWriter } from '../../domain/ports/archive.js';
import type { ChatRecords } from '../../domain/ports/chatRecords.js';
import type { FileStorage } from '../../domain/ports/files.js';
import type { IdentityDirectory } from '../../domain/ports/identity.js';
import type { PersonalDocument, Store } from '../../domain/ports/store.js';
import { EXPORT_LIFETIME_MS, exportStorageKey } from '../../domain/privacy.js';
import { exportReadme } from './exportReadme.js';
import { sanitizeEntryName } from '../../domain/fileNames.js';
import { servable } from '../../domain/documents.js';

export interface ExportDeps {
  store: Store;
  files: FileStorage;
  archive: ArchiveWriter;
  identity: Pick<IdentityDirectory, 'findUserById'>;
  /** Undefined: the homeserver's admin API is not configured, the archive holds no chat part. */
  chatRecords: ChatRecords | undefined;
  now?: () => number;
}

/** Audit entries in one archive, at most: a person's whole history for years fits many times. */
const AUDIT_LIMIT = 100_000;

const json = (value: unknown): (() => Promise<Readable>) => {
  const text = JSON.stringify(value, null, 2) + '\n';
  return () => Promise.resolve(Readable.from([Buffer.from(text, 'utf8')]));
};

/** A name as one safe path segment of the archive (the rules of document names; slashes kept as `_`). */
export function pathSegment(name: string): string {
  return sanitizeEntryName(name.replace(/[/\\]/g, '_')).slice(0, 120);
}

/**
 * Makes the archive of one export (job `person.export`) and stores it: the person's profile, room
 * memberships, audit entries, documents and versions byte for byte, and their chat account's
 * records from the homeserver. Files are streamed from storage into the archive, and the archive
 * into storage; nothing is held whole in memory. Safe to repeat: the same key is written again.
 */
export async function makeExport(deps: ExportDeps, exportId: string): Promise<void> {
  const { store, files, archive } = deps;
  const now = deps.now ?? Date.now;
  const record = await store.read.privacy.findExport(exportId);
  if (!record || record.state !== 'pending') return;
  const [person, tenant, links] = await Promise.all([
    store.read.people.findById(record.personId),
    store.read.tenants.findById(record.tenantId),
    store.read.people.links(record.personId),
  ]);
  if (!person || !tenant) {
    await store.write.privacy.finishExport(exportId, { state: 'failed', error: 'the person no longer exists' });
    return;
  }
  const account = person.subject === null ? undefined : await deps.identity.findUserById(person.subject);
  const memberships: { roomId: string; name: string; status: string; role: string; addedAt: number }[] = [];
  for (const roomId of await store.read.rooms.roomsOf(person.id)) {
    const room = await store.read.rooms.findById(roomId);
    const member = (await store.read.rooms.members(roomId)).find((m) => m.personId === person.id);
    if (room && member) {
      memberships.push({ roomId, name: room.name, status: room.status, role: member.role, addedAt: member.addedAt });
    }
  }
  const ids = [person.id, ...(person.subject === null ? [] : [person.subject])];
  const audit = await store.read.privacy.auditAbout(ids, AUDIT_LIMIT);
  const documents = await store.read.privacy.documentsOf(person.id);
  const roomNames = new Map(memberships.map((m) => [m.roomId, m.name]));
  for (const d of documents) {
    if (!roomNames.has(d.entry.roomId)) {
      roomNames.set(d.entry.roomId, (await store.read.rooms.findById(d.entry.roomId))?.name ?? d.entry.roomId);
    }
  }
  const chat = links?.matrixUserId ? deps.chatRecords : undefined;
  const matrixUserId = links?.matrixUserId ?? null;

  async function* entries(): AsyncIterable<ArchiveFile> {
    yield {
      path: 'README.md',
      open: () =>
        Promise.resolve(
          Readable.from([
            exportReadme({ createdAt: record!.createdAt, tenantName: tenant!.name, chat: chat !== undefined }),
          ]),
        ),
    };
    yield {
      path: 'profile.json',
      open: json({
        person: {
          id: person!.id,
          username: person!.username,
          email: person!.email,
          firstName: person!.firstName,
          lastName: person!.lastName,
          tenantRole: person!.role,
          status: person!.status,
          locale: person!.locale,
          mailNotices: person!.mailNotices,
          guestTerm: person!.guestTerm,
          invitedAt: person!.invitedAt,
          createdAt: person!.createdAt,
        },
        tenant: { id: tenant!.id, name: tenant!.name, slug: tenant!.slug },
        signInAccount: account ?? null,
        chatAccountId: matrixUserId,
      }),
    };
    yield { path: 'memberships.json', open: json({ rooms: memberships }) };
    yield { path: 'audit.json', open: json({ entries: audit, truncated: audit.length >= AUDIT_LIMIT }) };
    const index = documents.map((d) => documentIndexEntry(d, person!.id, roomNames));
    yield { path: 'documents/index.json', open: json({ documents: index }) };
    for (const [i, d] of documents.entries()) {
      // A version held back by the malware scan (ADR 0055) is listed, never put in the archive.
      for (const v of d.versions.filter(servable)) {
        yield {
          path: index[i]!.versions.find((x) => x.id === v.id)!.path!,
          modifiedAt: v.createdAt,
          open: async () => {
            const object = await files.get(v.storageKey);
            if (!object) throw new Error(`the bytes of version ${v.id} are missing in storage`);
            return object.stream;
          },
        };
      }
    }
    if (chat && matrixUserId !== null) {
      yield* chatFiles(chat, matrixUserId);
    }
  }

  const key = exportStorageKey(record.tenantId, record.id);
  const stored = await files.put(key, archive.write(entries()), {
    maxBytes: Number.MAX_SAFE_INTEGER,
    contentType: 'application/zip',
  });
  const readyAt = now();
  await store.write.privacy.finishExport(exportId, {
    state: 'ready',
    storageKey: key,
    size: stored.size,
    readyAt,
    expiresAt: readyAt + EXPORT_LIFETIME_MS,
  });
}

function documentIndexEntry(d: PersonalDocument, personId: string, roomNames: Map<string, string>) {
  const folder = `documents/${pathSegment(roomNames.get(d.entry.roomId) ?? d.entry.roomId)}/${pathSegment(d.entry.name)} (${d.entry.id.slice(0, 8)})`;
  return {
    id: d.entry.id,
    roomId: d.entry.roomId,
    room: roomNames.get(d.entry.roomId) ?? null,
    name: d.entry.name,
    kind: d.entry.kind,
    createdByThem: d.createdByThem,
    createdAt: d.entry.createdAt,
    inTrash: d.entry.deletedAt !== null,
    versions: d.versions.map((v) => ({
      id: v.id,
      number: v.number,
      size: v.size,
      contentType: v.contentType,
      sha256: v.sha256,
      createdAt: v.createdAt,
      byThem: v.createdBy === personId,
      scan: v.scan,
      /** Null: held back by the malware scan, not in the archive. */
      path: !servable(v) ? null : `${folder}/v${v.number}-${pathSegment(d.entry.name)}`,
    })),
  };
}

async function* chatFiles(chat: ChatRecords, userId: string): AsyncIterable<ArchiveFile> {
  const [account, accountData, memberships] = await Promise.all([
    chat.account(userId),
    chat.accountData(userId),
    chat.memberships(userId),
  ]);
  yield { path: 'chat/account.json', open: json(account ?? null) };
  yield { path: 'chat/account-data.json', open: json(accountData) };
  yield { path: 'chat/memberships.json', open: json({ rooms: memberships }) };
  for (const m of memberships) {
    yield {
      path: `chat/events/${pathSegment(m.roomId)}.jsonl`,
      // Page by page from the homeserver, each event one line: a long history is never held whole.
      open: () =>
        Promise.resolve(
          Readable.from(
            (async function* () {
              for await (const page of chat.eventsSentBy(userId, m.roomId)) {
                yield Buffer.from(page.map((event) => JSON.stringify(event)).join('\n') + '\n', 'utf8');
              }
            })(),
          ),
        ),
    };
  }
}
