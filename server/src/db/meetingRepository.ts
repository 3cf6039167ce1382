import type { Kysely, Selectable, Transaction } from 'kysely';
import { admissionStates, defaultTenantPolicy, type GuestLink, type MeetingAdmission } from '../domain/meeting.js';
import type { MeetingRepository } from '../domain/ports/store.js';
import type { Database, GuestLinksTable, MeetingAdmissionsTable } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

function toAdmission(row: Selectable<MeetingAdmissionsTable>): MeetingAdmission {
  const state = admissionStates.find((s) => s === row.state);
  if (state === undefined) throw new Error(`meeting admission ${row.id}: unknown state ${row.state}`);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    roomId: row.room_id,
    linkId: row.link_id,
    personId: row.person_id,
    displayName: row.display_name,
    state,
    createdAt: Number(row.created_at),
    seenAt: Number(row.seen_at),
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
    decidedBy: row.decided_by,
  };
}

function toGuestLink(row: Selectable<GuestLinksTable>): GuestLink {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    roomId: row.room_id,
    name: row.name,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    tokenSalt: row.token_salt,
  };
}

export function meetingRepository(db: Executor): MeetingRepository {
  const roomName = async (roomId: string) =>
    (await db.selectFrom('meetings').select('jitsi_room').where('room_id', '=', roomId).executeTakeFirst())?.jitsi_room;
  return {
    roomName,
    async roomOfMeeting(meetingName) {
      return (
        await db.selectFrom('meetings').select('room_id').where('jitsi_room', '=', meetingName).executeTakeFirst()
      )?.room_id;
    },
    async ensureRoomName(roomId, candidate, now) {
      await db
        .insertInto('meetings')
        .values({ room_id: roomId, jitsi_room: candidate, started_at: null, created_at: now })
        .onConflict((oc) => oc.column('room_id').doNothing())
        .execute();
      return (await roomName(roomId)) ?? candidate;
    },
    async heldOn(roomId, provider) {
      await db.updateTable('meetings').set({ provider }).where('room_id', '=', roomId).execute();
    },
    async providerOf(roomId) {
      const row = await db.selectFrom('meetings').select('provider').where('room_id', '=', roomId).executeTakeFirst();
      return row?.provider === 'livekit' || row?.provider === 'jitsi' ? row.provider : null;
    },
    async startedAt(roomId) {
      const row = await db.selectFrom('meetings').select('started_at').where('room_id', '=', roomId).executeTakeFirst();
      return row?.started_at === null || row?.started_at === undefined ? null : Number(row.started_at);
    },
    async setStartedAt(roomId, startedAt) {
      await db.updateTable('meetings').set({ started_at: startedAt }).where('room_id', '=', roomId).execute();
    },
    async participants(roomId) {
      const rows = await db
        .selectFrom('meeting_participants')
        .selectAll()
        .where('room_id', '=', roomId)
        .orderBy('joined_at')
        .orderBy('display_name')
        .execute();
      return rows.map((r) => ({
        personId: r.person_id,
        displayName: r.display_name,
        present: Number(r.present) === 1,
        joinedAt: Number(r.joined_at),
      }));
    },
    async putPresent(roomId, personId, displayName, now) {
      await db
        .insertInto('meeting_participants')
        .values({ room_id: roomId, person_id: personId, display_name: displayName, present: 1, joined_at: now })
        .onConflict((oc) => oc.columns(['room_id', 'person_id']).doUpdateSet({ present: 1, display_name: displayName }))
        .execute();
    },
    async markLeft(roomId, personId) {
      const result = await db
        .updateTable('meeting_participants')
        .set({ present: 0 })
        .where('room_id', '=', roomId)
        .where('person_id', '=', personId)
        .where('present', '=', 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async clearParticipants(roomId) {
      await db.deleteFrom('meeting_participants').where('room_id', '=', roomId).execute();
    },
    async policy(tenantId) {
      const row = await db
        .selectFrom('tenant_policies')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      if (!row) return { ...defaultTenantPolicy };
      return {
        meetings: Number(row.meetings) === 1,
        guests: Number(row.guests) === 1,
        recording: Number(row.recording) === 1,
        secondFactor: Number(row.second_factor) === 1,
      };
    },
    async setPolicy(tenantId, policy, now) {
      const values = {
        meetings: policy.meetings ? 1 : 0,
        guests: policy.guests ? 1 : 0,
        recording: policy.recording ? 1 : 0,
        second_factor: policy.secondFactor ? 1 : 0,
        updated_at: now,
      };
      await db
        .insertInto('tenant_policies')
        .values({ tenant_id: tenantId, ...values })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
        .execute();
    },
    async insertGuestLink(link) {
      await db
        .insertInto('guest_links')
        .values({
          id: link.id,
          tenant_id: link.tenantId,
          room_id: link.roomId,
          name: link.name,
          token_hash: link.tokenHash,
          token_salt: link.tokenSalt,
          created_by: link.createdBy,
          created_by_name: link.createdByName,
          created_at: link.createdAt,
          expires_at: link.expiresAt,
          revoked_at: link.revokedAt,
        })
        .execute();
    },
    async guestLinks(roomId) {
      const rows = await db
        .selectFrom('guest_links')
        .selectAll()
        .where('room_id', '=', roomId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toGuestLink);
    },
    async guestLink(id) {
      const row = await db.selectFrom('guest_links').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toGuestLink(row) : undefined;
    },
    async guestLinkByTokenHash(tokenHash) {
      const row = await db.selectFrom('guest_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toGuestLink(row) : undefined;
    },
    async insertAdmission(a) {
      await db
        .insertInto('meeting_admissions')
        .values({
          id: a.id,
          tenant_id: a.tenantId,
          room_id: a.roomId,
          link_id: a.linkId,
          person_id: a.personId,
          display_name: a.displayName,
          state: a.state,
          created_at: a.createdAt,
          seen_at: a.seenAt,
          decided_at: a.decidedAt,
          decided_by: a.decidedBy,
        })
        .execute();
    },
    async admission(id) {
      const row = await db.selectFrom('meeting_admissions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAdmission(row) : undefined;
    },
    async waitingAdmissions(roomId, seenSince) {
      const rows = await db
        .selectFrom('meeting_admissions')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('state', '=', 'waiting')
        .where('seen_at', '>', seenSince)
        .orderBy('created_at')
        .execute();
      return rows.map(toAdmission);
    },
    async waitingAdmissionOf(roomId, personId, seenSince) {
      const row = await db
        .selectFrom('meeting_admissions')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('person_id', '=', personId)
        .where('state', '=', 'waiting')
        .where('seen_at', '>', seenSince)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row ? toAdmission(row) : undefined;
    },
    async touchAdmission(id, now) {
      await db
        .updateTable('meeting_admissions')
        .set({ seen_at: now })
        .where('id', '=', id)
        .where('seen_at', '<', now - 10_000)
        .execute();
    },
    async decideAdmission(id, state, decidedBy, now) {
      const result = await db
        .updateTable('meeting_admissions')
        .set({ state, decided_by: decidedBy, decided_at: now })
        .where('id', '=', id)
        .where('state', '=', 'waiting')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async withdrawAdmission(id, now) {
      const result = await db
        .updateTable('meeting_admissions')
        .set({ state: 'withdrawn', decided_at: now })
        .where('id', '=', id)
        .where('state', '=', 'waiting')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async revokeGuestLink(id, now) {
      await db
        .updateTable('guest_links')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}
