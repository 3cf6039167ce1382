import { sql, type Selectable, type Updateable } from 'kysely';
import type { DocumentEntry, DocumentVersion } from '../domain/documents.js';
import type { DocumentRepository } from '../domain/ports/store.js';
import type { DocumentEntriesTable, DocumentVersionsTable, Executor } from './schema.js';

export function toEntry(row: Selectable<DocumentEntriesTable>): DocumentEntry {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    roomId: row.room_id,
    parentId: row.parent_id,
    kind: row.kind,
    name: row.name,
    currentVersionId: row.current_version_id,
    size: Number(row.size),
    contentType: row.content_type,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: Number(row.created_at),
    updatedBy: row.updated_by,
    updatedByName: row.updated_by_name,
    updatedAt: Number(row.updated_at),
    deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
    deletedBy: row.deleted_by,
  };
}

export function toVersion(row: Selectable<DocumentVersionsTable>): DocumentVersion {
  return {
    id: row.id,
    entryId: row.entry_id,
    number: Number(row.number),
    storageKey: row.storage_key,
    size: Number(row.size),
    contentType: row.content_type,
    sha256: row.sha256,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: Number(row.created_at),
    preview: row.preview_state,
    previewKey: row.preview_key,
    previewError: row.preview_error,
    scan: row.scan_state,
    scanSignature: row.scan_signature,
  };
}

// Folders first, then names as people read them.
const byKindAndName = (a: DocumentEntry, b: DocumentEntry): number =>
  Number(b.kind === 'folder') - Number(a.kind === 'folder') ||
  a.name.localeCompare(b.name, 'de', { sensitivity: 'base', numeric: true });

export function documentRepository(db: Executor): DocumentRepository {
  /** Changes one row of library_entries. */
  const updateRow = async (id: string, values: Updateable<DocumentEntriesTable>) => {
    await db.updateTable('library_entries').set(values).where('id', '=', id).execute();
  };
  return {
    async insertEntry(e) {
      await db
        .insertInto('library_entries')
        .values({
          id: e.id,
          tenant_id: e.tenantId,
          room_id: e.roomId,
          parent_id: e.parentId,
          kind: e.kind,
          name: e.name,
          current_version_id: e.currentVersionId,
          size: e.size,
          content_type: e.contentType,
          created_by: e.createdBy,
          created_by_name: e.createdByName,
          created_at: e.createdAt,
          updated_by: e.updatedBy,
          updated_by_name: e.updatedByName,
          updated_at: e.updatedAt,
          deleted_at: null,
          deleted_by: null,
        })
        .execute();
    },
    async findEntry(id) {
      const row = await db.selectFrom('library_entries').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },
    async listFolder(roomId, parentId) {
      const rows = await db
        .selectFrom('library_entries')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('parent_id', parentId === null ? 'is' : '=', parentId)
        .where('deleted_at', 'is', null)
        .execute();
      return rows.map(toEntry).sort(byKindAndName);
    },
    async listTrash(roomId) {
      const rows = await db
        .selectFrom('library_entries')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('deleted_at', 'is not', null)
        .orderBy('deleted_at', 'desc')
        .execute();
      return rows.map(toEntry);
    },
    async listRoom(roomId) {
      const rows = await db
        .selectFrom('library_entries')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('deleted_at', 'is', null)
        .execute();
      return rows.map(toEntry).sort(byKindAndName);
    },
    async findLiveByName(roomId, parentId, name) {
      const row = await db
        .selectFrom('library_entries')
        .selectAll()
        .where('room_id', '=', roomId)
        .where(sql<string>`coalesce(parent_id, '')`, '=', parentId ?? '')
        // The same lower() as the unique index: SQLite's lowers only ASCII letters, so a
        // name lowered here in JavaScript would miss an "Übersicht" the index still counts.
        .where(sql<string>`lower(name)`, '=', sql<string>`lower(${name})`)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },
    async updateEntry(id, c) {
      const set: Partial<DocumentEntriesTable> = {};
      if (c.name !== undefined) set.name = c.name;
      if (c.parentId !== undefined) set.parent_id = c.parentId;
      if (c.currentVersionId !== undefined) set.current_version_id = c.currentVersionId;
      if (c.size !== undefined) set.size = c.size;
      if (c.contentType !== undefined) set.content_type = c.contentType;
      if (c.updatedBy !== undefined) set.updated_by = c.updatedBy;
      if (c.updatedByName !== undefined) set.updated_by_name = c.updatedByName;
      if (c.updatedAt !== undefined) set.updated_at = c.updatedAt;
      if (Object.keys(set).length === 0) return;
      await updateRow(id, set);
    },
    async setDeleted(id, deletedAt, deletedBy) {
      await updateRow(id, { deleted_at: deletedAt, deleted_by: deletedBy });
    },
    async purgeEntry(id) {
      await updateRow(id, { current_version_id: null });
      await db.deleteFrom('library_versions').where('entry_id', '=', id).execute();
      await db.deleteFrom('library_entries').where('id', '=', id).execute();
    },
    async insertVersion(v) {
      await db
        .insertInto('library_versions')
        .values({
          id: v.id,
          entry_id: v.entryId,
          number: v.number,
          storage_key: v.storageKey,
          size: v.size,
          content_type: v.contentType,
          sha256: v.sha256,
          created_by: v.createdBy,
          created_by_name: v.createdByName,
          created_at: v.createdAt,
          preview_state: v.preview,
          preview_key: null,
          preview_error: null,
          scan_state: v.scan,
          scan_signature: null,
        })
        .execute();
    },
    async versions(entryId) {
      const rows = await db
        .selectFrom('library_versions')
        .selectAll()
        .where('entry_id', '=', entryId)
        .orderBy('number', 'desc')
        .execute();
      return rows.map(toVersion);
    },
    async findVersion(id) {
      const row = await db.selectFrom('library_versions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toVersion(row) : undefined;
    },
    async findVersions(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('library_versions').selectAll().where('id', 'in', ids).execute();
      return rows.map(toVersion);
    },
    async nextVersionNumber(entryId) {
      const row = await db
        .selectFrom('library_versions')
        .select((eb) => eb.fn.max('number').as('max'))
        .where('entry_id', '=', entryId)
        .executeTakeFirst();
      return Number(row?.max ?? 0) + 1;
    },
    async setPreview(versionId, state, key, error) {
      await db
        .updateTable('library_versions')
        .set({ preview_state: state, preview_key: key, preview_error: error })
        .where('id', '=', versionId)
        .execute();
    },
    async setScan(versionId, state, signature) {
      await db
        .updateTable('library_versions')
        .set({ scan_state: state, scan_signature: signature })
        .where('id', '=', versionId)
        .execute();
    },
    async refersTo(storageKey) {
      const row = await db
        .selectFrom('library_versions')
        .select('id')
        .where((eb) => eb.or([eb('storage_key', '=', storageKey), eb('preview_key', '=', storageKey)]))
        .executeTakeFirst();
      return row !== undefined;
    },
    async usedBytes(tenantId) {
      const row = await db
        .selectFrom('library_versions')
        .innerJoin('library_entries', 'library_entries.id', 'library_versions.entry_id')
        .select((eb) => eb.fn.sum<number | string | null>('library_versions.size').as('bytes'))
        .where('library_entries.tenant_id', '=', tenantId)
        .executeTakeFirst();
      return Number(row?.bytes ?? 0);
    },
    async maxUploadBytes(tenantId) {
      const row = await db
        .selectFrom('tenant_policies')
        .select('max_upload_bytes')
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      return row?.max_upload_bytes === null || row?.max_upload_bytes === undefined
        ? null
        : Number(row.max_upload_bytes);
    },
    async setMaxUploadBytes(tenantId, bytes, now) {
      await db
        .insertInto('tenant_policies')
        .values({ tenant_id: tenantId, meetings: 1, guests: 1, recording: 0, max_upload_bytes: bytes, updated_at: now })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ max_upload_bytes: bytes, updated_at: now }))
        .execute();
    },
  };
}
