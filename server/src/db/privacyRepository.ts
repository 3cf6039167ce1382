import type { Selectable } from 'kysely';
import type { AuditEntry } from '../domain/audit.js';
import type { PrivacyRepository } from '../domain/ports/store.js';
import type { DataExport, Erasure, ErasureReport } from '../domain/privacy.js';
import { pseudonymised } from '../domain/privacy.js';
import { toAuditEntry } from './auditRepository.js';
import { toEntry, toVersion } from './documentRepository.js';
import type { DataExportsTable, ErasuresTable, Executor, DocumentVersionsTable } from './schema.js';

function toExport(row: Selectable<DataExportsTable>): DataExport {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: row.id,
    tenantId: row.tenant_id,
    personId: row.person_id,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name,
    state: row.state,
    storageKey: row.storage_key,
    size: num(row.size),
    error: row.error,
    createdAt: Number(row.created_at),
    readyAt: num(row.ready_at),
    expiresAt: num(row.expires_at),
  };
}

function toErasure(row: Selectable<ErasuresTable>): Erasure {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    personId: row.person_id,
    pseudonym: row.pseudonym,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name,
    state: row.state,
    documentsRule: row.documents_rule === 'delete' ? 'delete' : 'handover',
    report: row.report === null ? null : (JSON.parse(row.report) as ErasureReport),
    createdAt: Number(row.created_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

/** Exports, erasures and what an erasure rewrites (ADR 0053). */
export function privacyRepository(db: Executor): PrivacyRepository {
  return {
    async insertExport(e) {
      await db
        .insertInto('data_exports')
        .values({
          id: e.id,
          tenant_id: e.tenantId,
          person_id: e.personId,
          requested_by: e.requestedBy,
          requested_by_name: e.requestedByName,
          state: e.state,
          storage_key: e.storageKey,
          size: e.size,
          error: e.error,
          created_at: e.createdAt,
          ready_at: e.readyAt,
          expires_at: e.expiresAt,
        })
        .execute();
    },
    async findExport(id) {
      const row = await db.selectFrom('data_exports').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toExport(row) : undefined;
    },
    async exportsOf(personId) {
      const rows = await db
        .selectFrom('data_exports')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(10)
        .execute();
      return rows.map(toExport);
    },
    async finishExport(id, result) {
      await db
        .updateTable('data_exports')
        .set({
          state: result.state,
          storage_key: result.storageKey ?? null,
          size: result.size ?? null,
          error: result.error ?? null,
          ready_at: result.readyAt ?? null,
          expires_at: result.expiresAt ?? null,
        })
        .where('id', '=', id)
        .execute();
    },
    async expiredExports(now) {
      const rows = await db
        .selectFrom('data_exports')
        .selectAll()
        .where('state', '=', 'ready')
        .where('expires_at', '<=', now)
        .limit(100)
        .execute();
      return rows.map(toExport);
    },
    async insertErasure(e) {
      await db
        .insertInto('erasures')
        .values({
          id: e.id,
          tenant_id: e.tenantId,
          person_id: e.personId,
          pseudonym: e.pseudonym,
          requested_by: e.requestedBy,
          requested_by_name: e.requestedByName,
          state: e.state,
          documents_rule: e.documentsRule,
          report: null,
          created_at: e.createdAt,
          finished_at: null,
        })
        .execute();
    },
    async findErasure(id) {
      const row = await db.selectFrom('erasures').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toErasure(row) : undefined;
    },
    async erasureOf(personId) {
      const row = await db.selectFrom('erasures').selectAll().where('person_id', '=', personId).executeTakeFirst();
      return row ? toErasure(row) : undefined;
    },
    async erasures(tenantId) {
      const rows = await db
        .selectFrom('erasures')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
      return rows.map(toErasure);
    },
    async finishErasure(id, report, now) {
      await db
        .updateTable('erasures')
        .set({ state: 'done', report: JSON.stringify(report), finished_at: now })
        .where('id', '=', id)
        .execute();
    },
    async documentsRule(tenantId) {
      const row = await db
        .selectFrom('tenant_policies')
        .select('erasure_documents')
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      return row?.erasure_documents === 'delete' ? 'delete' : 'handover';
    },
    async setDocumentsRule(tenantId, rule, now) {
      await db
        .insertInto('tenant_policies')
        .values({ tenant_id: tenantId, meetings: 1, guests: 1, recording: 0, erasure_documents: rule, updated_at: now })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ erasure_documents: rule, updated_at: now }))
        .execute();
    },
    async auditAbout(ids, limit) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where((eb) => eb.or([eb('actor_id', 'in', ids), eb('target_id', 'in', ids)]))
        .orderBy('at', 'asc')
        .orderBy('id', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toAuditEntry);
    },
    async pseudonymiseAudit(ids, identifiers, pseudonym) {
      // The one change to audit entries besides retention: an erasure keeps every entry and
      // replaces the person in it (actor, target, and wherever their name or address is written).
      const needles = identifiers.filter((s) => s.trim().length >= 2);
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(ids.length > 0 ? [eb('actor_id', 'in', ids), eb('target_id', 'in', ids)] : []),
            ...needles.flatMap((n) => [
              eb(eb.fn('lower', ['details']), 'like', `%${likeEscaped(n.toLowerCase())}%`),
              eb(eb.fn('lower', ['actor_name']), 'like', `%${likeEscaped(n.toLowerCase())}%`),
            ]),
          ]),
        )
        .execute();
      let changed = 0;
      for (const row of rows) {
        const entry: AuditEntry = toAuditEntry(row);
        const isActor = entry.actorId !== null && ids.includes(entry.actorId);
        const isTarget = entry.targetId !== null && ids.includes(entry.targetId);
        const details = JSON.stringify(pseudonymised(entry.details, needles, pseudonym));
        const actorName = isActor ? pseudonym : (pseudonymised(entry.actorName, needles, pseudonym) as string);
        await db
          .updateTable('audit_events')
          .set({
            actor_id: isActor ? pseudonym : entry.actorId,
            actor_name: actorName,
            target_id: isTarget ? pseudonym : entry.targetId,
            details,
          })
          .where('id', '=', entry.id)
          .execute();
        changed++;
      }
      return changed;
    },
    async documentsOf(personId) {
      const entries = await db
        .selectFrom('library_entries')
        .selectAll()
        .where('created_by', '=', personId)
        .where('kind', '!=', 'folder')
        .orderBy('created_at', 'asc')
        .execute();
      const own = new Set(entries.map((e) => e.id));
      const theirVersions = await db
        .selectFrom('library_versions')
        .selectAll()
        .where('created_by', '=', personId)
        .execute();
      const otherIds = [...new Set(theirVersions.map((v) => v.entry_id).filter((id) => !own.has(id)))];
      const others =
        otherIds.length === 0
          ? []
          : await db.selectFrom('library_entries').selectAll().where('id', 'in', otherIds).execute();
      const versionsOfOwn =
        own.size === 0
          ? []
          : await db
              .selectFrom('library_versions')
              .selectAll()
              .where('entry_id', 'in', [...own])
              .execute();
      const byEntry = new Map<string, Selectable<DocumentVersionsTable>[]>();
      for (const v of [...versionsOfOwn, ...theirVersions.filter((v) => !own.has(v.entry_id))]) {
        byEntry.set(v.entry_id, [...(byEntry.get(v.entry_id) ?? []), v]);
      }
      return [...entries, ...others].map((row) => ({
        entry: toEntry(row),
        createdByThem: own.has(row.id),
        versions: (byEntry.get(row.id) ?? []).map(toVersion).sort((a, b) => a.number - b.number),
      }));
    },
    async handOverEntry(entryId, to) {
      await db
        .updateTable('library_entries')
        .set({ created_by: to.id, created_by_name: to.name })
        .where('id', '=', entryId)
        .execute();
    },
    async pseudonymiseDocuments(personId, pseudonym) {
      const created = await db
        .updateTable('library_entries')
        .set({ created_by_name: pseudonym })
        .where('created_by', '=', personId)
        .executeTakeFirst();
      const updated = await db
        .updateTable('library_entries')
        .set({ updated_by_name: pseudonym })
        .where('updated_by', '=', personId)
        .executeTakeFirst();
      const versions = await db
        .updateTable('library_versions')
        .set({ created_by_name: pseudonym })
        .where('created_by', '=', personId)
        .executeTakeFirst();
      return Number(created.numUpdatedRows) + Number(updated.numUpdatedRows) + Number(versions.numUpdatedRows);
    },
    async forgetTextState(entryId) {
      await db.deleteFrom('collab_documents').where('entry_id', '=', entryId).execute();
    },
    async erasePerson(personId, subject, pseudonym, now) {
      // The row stays (other records point to its id) but holds nothing of the person any more.
      await db
        .updateTable('people')
        .set({
          username: pseudonym,
          email: `${pseudonym}@erased.invalid`,
          first_name: '',
          last_name: pseudonym,
          subject: null,
          matrix_user_id: null,
          status: 'deactivated',
          sync: 'done',
          sync_error: null,
          sponsor_id: null,
          expires_at: null,
          expiry_notice_at: null,
          mail_notices: 0,
          updated_at: now,
        })
        .where('id', '=', personId)
        .execute();
      const rooms = await db.deleteFrom('room_members').where('person_id', '=', personId).executeTakeFirst();
      const participants = await db
        .deleteFrom('meeting_participants')
        .where('person_id', '=', personId)
        .executeTakeFirst();
      const admissions = await db
        .updateTable('meeting_admissions')
        .set({ display_name: pseudonym })
        .where('person_id', '=', personId)
        .executeTakeFirst();
      await db
        .updateTable('guest_links')
        .set({ created_by_name: pseudonym })
        .where('created_by', '=', personId)
        .execute();
      let sessions = 0;
      if (subject !== null) {
        const ids = (await db.selectFrom('sessions').select('id').where('subject', '=', subject).execute()).map(
          (r) => r.id,
        );
        if (ids.length > 0) {
          await db.deleteFrom('session_chat_devices').where('session_id', 'in', ids).execute();
          await db.deleteFrom('sessions').where('id', 'in', ids).execute();
        }
        sessions = ids.length;
      }
      return {
        roomMemberships: Number(rooms.numDeletedRows),
        meetingRecords: Number(participants.numDeletedRows) + Number(admissions.numUpdatedRows),
        sessions,
      };
    },
  };
}

/** LIKE's own characters stand for any one character: the rows found are a superset, rewritten exactly. */
function likeEscaped(text: string): string {
  return text.replace(/[%_\\]/g, '_');
}
