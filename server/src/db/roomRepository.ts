import type { Selectable, Updateable } from 'kysely';
import type { RoomRepository } from '../domain/ports/store.js';
import type { Room } from '../domain/room.js';
import type { RoomsTable, Executor } from './schema.js';
import { newSyncedRow, syncStateOf } from './syncedRows.js';

function toRoom(row: Selectable<RoomsTable>): Room {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    topic: row.topic,
    visibility: row.visibility,
    encrypted: true,
    ...syncStateOf(row),
    createdAt: row.created_at,
    archivedAt: row.archived_at,
  };
}

export function roomRepository(db: Executor): RoomRepository {
  /** Changes one row of rooms. */
  const updateRow = async (id: string, values: Updateable<RoomsTable>) => {
    await db.updateTable('rooms').set(values).where('id', '=', id).execute();
  };
  return {
    async insert(r, now) {
      await db
        .insertInto('rooms')
        .values({
          id: r.id,
          tenant_id: r.tenantId,
          name: r.name,
          topic: r.topic,
          visibility: r.visibility,
          matrix_room_id: null,
          ...newSyncedRow(now),
          archived_at: null,
        })
        .execute();
    },
    async findById(id) {
      const row = await db.selectFrom('rooms').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRoom(row) : undefined;
    },
    async list(tenantId, filter = {}) {
      let q = db.selectFrom('rooms').selectAll().where('tenant_id', '=', tenantId);
      if (!filter.includeArchived) q = q.where('status', '=', 'active');
      const person = filter.visibleTo;
      if (person !== undefined) {
        const memberOf = db.selectFrom('room_members').select('room_id').where('person_id', '=', person);
        q = filter.memberOnly
          ? q.where('id', 'in', memberOf)
          : q.where((eb) => eb.or([eb('visibility', '=', 'tenant'), eb('id', 'in', memberOf)]));
      }
      return (await q.orderBy('name').execute()).map(toRoom);
    },
    async listActive() {
      return (await db.selectFrom('rooms').selectAll().where('status', '=', 'active').execute()).map(toRoom);
    },
    async update(id, changes, now) {
      await updateRow(id, { ...changes, updated_at: now });
    },
    async archive(id, now) {
      await updateRow(id, { status: 'archived', archived_at: now, updated_at: now });
    },
    async setSync(id, sync, error, now) {
      await updateRow(id, { sync, sync_error: error, updated_at: now });
    },
    async matrixRoomId(id) {
      const row = await db.selectFrom('rooms').select('matrix_room_id').where('id', '=', id).executeTakeFirst();
      return row?.matrix_room_id ?? null;
    },
    async setMatrixRoomId(id, matrixRoomId, now) {
      await updateRow(id, { matrix_room_id: matrixRoomId, updated_at: now });
    },
    async members(roomId) {
      const rows = await db.selectFrom('room_members').selectAll().where('room_id', '=', roomId).execute();
      return rows.map((r) => ({ roomId: r.room_id, personId: r.person_id, role: r.role, addedAt: r.added_at }));
    },
    async memberRole(roomId, personId) {
      const row = await db
        .selectFrom('room_members')
        .select('role')
        .where('room_id', '=', roomId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return row?.role ?? null;
    },
    async putMember(roomId, personId, role, now) {
      const updated = await db
        .updateTable('room_members')
        .set({ role })
        .where('room_id', '=', roomId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) {
        await db
          .insertInto('room_members')
          .values({ room_id: roomId, person_id: personId, role, added_at: now })
          .execute();
      }
    },
    async removeMember(roomId, personId) {
      const result = await db
        .deleteFrom('room_members')
        .where('room_id', '=', roomId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async roomsOf(personId) {
      const rows = await db.selectFrom('room_members').select('room_id').where('person_id', '=', personId).execute();
      return rows.map((r) => r.room_id);
    },
  };
}
