import type { ChatRecords } from '../../domain/ports/chatRecords.js';
import type { ChatRooms } from '../../domain/ports/chat.js';
import type { FileStorage } from '../../domain/ports/files.js';
import type { IdentityDirectory } from '../../domain/ports/identity.js';
import type { PersonalDocument, Store, StoreTx } from '../../domain/ports/store.js';
import type { ErasureReport, ErasureReportDocument, ErasureReportPart } from '../../domain/privacy.js';

export interface ErasureDeps {
  store: Store;
  files: FileStorage;
  identity: Pick<IdentityDirectory, 'logoutUser' | 'deleteUser'>;
  chat: Pick<ChatRooms, 'kick'>;
  /** Undefined: the homeserver's admin API is not configured; an erasure then waits for it. */
  chatRecords: ChatRecords | undefined;
  now?: () => number;
}

class NotYet extends Error {
  readonly retryable = true;
}

/**
 * The erasure's job (`person.erase`, ADR 0053). Every step is safe to repeat, and the workspace's
 * own records change in one transaction at the end, together with the report: an outage of
 * Keycloak, Synapse or storage delays the erasure, it never leaves it half applied in the records,
 * and the report says what is, not what was meant.
 */
export async function runErasure(deps: ErasureDeps, erasureId: string): Promise<void> {
  const { store, files } = deps;
  const now = deps.now ?? Date.now;
  const erasure = await store.read.privacy.findErasure(erasureId);
  if (!erasure || erasure.state === 'done') return;
  const person = await store.read.people.findById(erasure.personId);
  if (!person) return;
  const links = await store.read.people.links(person.id);
  const subject = links?.subject ?? null;
  const matrixUserId = links?.matrixUserId ?? null;
  const parts: ErasureReportPart[] = [];

  // Keycloak: signed out everywhere, then the account is removed for good.
  if (subject !== null) {
    await deps.identity.logoutUser(subject).catch((error: unknown) => {
      if ((error as { status?: number }).status !== 404) throw error;
    });
    await deps.identity.deleteUser(subject);
    parts.push({ part: 'keycloak', outcome: 'account deleted, its sessions ended', count: 1 });
  } else {
    parts.push({ part: 'keycloak', outcome: 'no account', count: 0 });
  }

  // Synapse: out of the tenant's space, then deactivated with erase (events redacted for new readers).
  if (matrixUserId !== null) {
    if (!deps.chatRecords) throw new NotYet('erasing a chat account needs the homeserver admin token');
    const space = (await store.read.tenants.links(person.tenantId))?.matrixSpaceId;
    if (space) await deps.chat.kick(space, matrixUserId, 'erased');
    await deps.chatRecords.erase(matrixUserId);
    parts.push({
      part: 'synapse',
      outcome: 'account deactivated and erased: its events are redacted for new readers',
      count: 1,
    });
  } else {
    parts.push({ part: 'synapse', outcome: 'no account', count: 0 });
  }

  // Storage: the bytes of the documents to delete go first; their rows follow in the transaction.
  const own = (await store.read.privacy.documentsOf(person.id)).filter((d) => d.createdByThem);
  const toDelete = erasure.documentsRule === 'delete' ? own : [];
  let objects = 0;
  for (const d of toDelete) {
    for (const v of d.versions) {
      await files.delete(v.storageKey);
      if (v.previewKey !== null) await files.delete(v.previewKey);
      objects++;
    }
  }

  const finishedAt = now();
  await store.transaction(async (tx) => {
    const documents: ErasureReportDocument[] = [];
    for (const d of toDelete) {
      if (d.entry.kind === 'text') await tx.privacy.forgetTextState(d.entry.id);
      await tx.documents.purgeEntry(d.entry.id);
      documents.push({ entryId: d.entry.id, roomId: d.entry.roomId, action: 'deleted', versions: d.versions.length });
    }
    if (erasure.documentsRule === 'handover') {
      for (const d of own) documents.push(await handOver(tx, d, person.id, erasure));
    }
    const renamed = await tx.privacy.pseudonymiseDocuments(person.id, erasure.pseudonym);
    // Their ids too: an entry about something else may name them in its details.
    const identifiers = [
      person.id,
      ...(subject === null ? [] : [subject]),
      person.username,
      person.email,
      `${person.firstName} ${person.lastName}`,
      ...(matrixUserId === null ? [] : [matrixUserId]),
    ];
    const ids = [person.id, ...(subject === null ? [] : [subject])];
    const audited = await tx.privacy.pseudonymiseAudit(ids, identifiers, erasure.pseudonym);
    const removed = await tx.privacy.erasePerson(person.id, subject, erasure.pseudonym, finishedAt);
    parts.push(
      { part: 'storage', outcome: `${objects} stored version(s) removed`, count: objects },
      {
        part: 'documents',
        outcome:
          erasure.documentsRule === 'delete'
            ? `${toDelete.length} document(s) deleted; the person's name on ${renamed} record(s) replaced`
            : `${own.length} document(s) handed over; the person's name on ${renamed} record(s) replaced`,
        count: own.length,
      },
      { part: 'audit', outcome: `${audited} entries kept with the pseudonym instead of the person`, count: audited },
      {
        part: 'workspace',
        outcome: 'profile emptied (name, e-mail, sign-in name replaced by the pseudonym); room memberships removed',
        count: removed.roomMemberships,
      },
      {
        part: 'meetings',
        outcome: 'presence and waiting-room requests removed or renamed',
        count: removed.meetingRecords,
      },
      { part: 'sessions', outcome: 'workspace sessions ended', count: removed.sessions },
    );
    const report: ErasureReport = {
      erasureId: erasure.id,
      pseudonym: erasure.pseudonym,
      tenantId: erasure.tenantId,
      requestedBy: erasure.requestedByName,
      requestedAt: erasure.createdAt,
      finishedAt,
      documentsRule: erasure.documentsRule,
      parts,
      documents,
    };
    await tx.privacy.finishErasure(erasure.id, report, finishedAt);
    await tx.people.setSync(person.id, 'done', null, finishedAt);
  });
}

/**
 * A document of the erased person now belongs to an owner of its room (the longest-standing one),
 * or, in a room without another owner, to the admin who asked for the erasure.
 */
async function handOver(
  tx: StoreTx,
  d: PersonalDocument,
  personId: string,
  erasure: { requestedBy: string; requestedByName: string },
): Promise<ErasureReportDocument> {
  const owners = (await tx.rooms.members(d.entry.roomId))
    .filter((m) => m.role === 'owner' && m.personId !== personId)
    .sort((a, b) => a.addedAt - b.addedAt);
  const owner = owners[0] && (await tx.people.findById(owners[0].personId));
  const to = owner
    ? { id: owner.id, name: `${owner.firstName} ${owner.lastName}`.trim() }
    : { id: erasure.requestedBy, name: erasure.requestedByName };
  await tx.privacy.handOverEntry(d.entry.id, to);
  return {
    entryId: d.entry.id,
    roomId: d.entry.roomId,
    action: 'handed-over',
    to: to.id,
    versions: d.versions.length,
  };
}
