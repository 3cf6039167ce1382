import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { TenantRole } from '../domain/actor.js';
import { jobKinds, type JobInput } from '../domain/jobs/catalog.js';
import type { SessionDeviceRepository } from '../domain/ports/store.js';
import { enqueue } from './outboxRepository.js';
import type { Database, PendingLoginsTable, SessionsTable } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export type PendingLoginRow = Selectable<PendingLoginsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NewSessionRow = Insertable<SessionsTable>;

/** The person's row in our directory, as sign-in and the session need it. */
export interface SessionPerson {
  id: string;
  tenantId: string;
  role: TenantRole;
  status: 'active' | 'deactivated';
  subject: string | null;
  /** The person's tenant requires a second factor of everybody. */
  tenantRequiresSecondFactor: boolean;
}

export interface SessionWithPerson {
  session: SessionRow;
  person: SessionPerson | undefined;
}

export async function insertPendingLogin(db: Executor, row: Insertable<PendingLoginsTable>): Promise<void> {
  await db.insertInto('pending_logins').values(row).execute();
}

/** Reads and removes a pending sign-in: each one can be completed at most once. */
export async function takePendingLogin(db: Kysely<Database>, id: string): Promise<PendingLoginRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('pending_logins').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return undefined;
    const removed = await trx.deleteFrom('pending_logins').where('id', '=', id).executeTakeFirst();
    // A concurrent callback with the same state took it first.
    return Number(removed.numDeletedRows) === 1 ? row : undefined;
  });
}

export async function purgePendingLogins(db: Executor, createdBefore: number): Promise<number> {
  const result = await db.deleteFrom('pending_logins').where('created_at', '<', createdBefore).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The person a sign-in belongs to: the row linked to this subject. A row is
 * linked only by provisioning, once the identity provider's account is known to
 * be the one the workspace made for that person; a sign-in is never matched to
 * a person by its name, which would let any account of that name take the
 * person's place (and their tenant).
 */
export async function findPersonForSignIn(db: Executor, subject: string): Promise<SessionPerson | undefined> {
  const row = await db
    .selectFrom('people')
    .leftJoin('tenant_policies', 'tenant_policies.tenant_id', 'people.tenant_id')
    .select([
      'people.id',
      'people.tenant_id',
      'people.role',
      'people.status',
      'people.subject',
      'tenant_policies.second_factor',
    ])
    .where('people.subject', '=', subject)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        id: row.id,
        tenantId: row.tenant_id,
        role: row.role,
        status: row.status,
        subject: row.subject,
        tenantRequiresSecondFactor: Number(row.second_factor) === 1,
      };
}

/** Records whether a person's sign-in account holds the platform admin role (as their last sign-in said). */
export async function recordPlatformAdmin(
  db: Executor,
  personId: string,
  platformAdmin: boolean,
  now: number,
): Promise<void> {
  await db
    .updateTable('people')
    .set({ platform_admin: platformAdmin ? 1 : 0, updated_at: now })
    .where('id', '=', personId)
    .where('platform_admin', '=', platformAdmin ? 0 : 1)
    .execute();
}

export async function insertSession(db: Executor, row: NewSessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A session with the person it belongs to (matched by subject), if any. */
export async function findSession(db: Executor, id: string): Promise<SessionWithPerson | undefined> {
  const row = await db
    .selectFrom('sessions')
    .leftJoin('people', 'people.subject', 'sessions.subject')
    .leftJoin('tenant_policies', 'tenant_policies.tenant_id', 'people.tenant_id')
    .selectAll('sessions')
    .select([
      'people.id as person_id',
      'people.tenant_id as person_tenant_id',
      'people.role as person_role',
      'people.status as person_status',
      'tenant_policies.second_factor as tenant_second_factor',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { person_id, person_tenant_id, person_role, person_status, tenant_second_factor, ...session } = row;
  const person =
    person_id !== null && person_tenant_id !== null && person_role !== null && person_status !== null
      ? {
          id: person_id,
          tenantId: person_tenant_id,
          role: person_role,
          status: person_status,
          subject: session.subject,
          tenantRequiresSecondFactor: Number(tenant_second_factor) === 1,
        }
      : undefined;
  return { session, person };
}

export async function updateSession(
  db: Executor,
  id: string,
  changes: Updateable<Omit<SessionsTable, 'id' | 'subject' | 'created_at' | 'expires_at'>>,
): Promise<void> {
  await db.updateTable('sessions').set(changes).where('id', '=', id).execute();
}

/** The parts of an ended session that the audit log names. */
export type EndedSession = Pick<SessionRow, 'id' | 'subject' | 'username' | 'display_name' | 'provider_session_id'>;

const endedColumns = ['id', 'subject', 'username', 'display_name', 'provider_session_id'] as const;

/** Runs `work` in a transaction: the one given, or a new one. */
function inTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : (db as Kysely<Database>).transaction().execute(work);
}

/**
 * Removes sessions, and with them the chat devices tied to them: each device gets an outbox job
 * that logs it out at the homeserver (ADR 0029), committed together with the removal, so a
 * session never ends without its devices following, however it ends.
 */
async function endSessions(db: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  // The outbox runs on the wall clock, whatever clock decided that the sessions ended.
  const now = Date.now();
  await inTransaction(db, async (trx) => {
    const devices = await trx
      .selectFrom('session_chat_devices')
      .select(['session_id', 'matrix_user_id', 'device_id'])
      .where('session_id', 'in', ids)
      .execute();
    for (const device of devices) {
      const job: JobInput<typeof jobKinds.chatDeviceSignOut> = {
        kind: jobKinds.chatDeviceSignOut,
        payload: { matrixUserId: device.matrix_user_id, deviceId: device.device_id },
        dedupeKey: `chat-device-signout:${device.session_id}:${device.device_id}`,
      };
      await enqueue(trx, job, now);
    }
    if (devices.length > 0) await trx.deleteFrom('session_chat_devices').where('session_id', 'in', ids).execute();
    await trx.deleteFrom('sessions').where('id', 'in', ids).execute();
  });
}

export async function deleteSession(db: Executor, id: string): Promise<EndedSession | undefined> {
  const row = await db.selectFrom('sessions').select(endedColumns).where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  await endSessions(db, [id]);
  return row;
}

/**
 * Deletes the sessions a back-channel logout names: those of the provider's
 * session `sid` (of that subject, when both are given), or all of the subject's.
 */
export async function deleteSessionsOf(
  db: Executor,
  target: { subject: string | null; providerSessionId: string | null },
): Promise<EndedSession[]> {
  if (target.subject === null && target.providerSessionId === null) return [];
  let query = db.selectFrom('sessions').select(endedColumns);
  if (target.providerSessionId !== null) query = query.where('provider_session_id', '=', target.providerSessionId);
  if (target.subject !== null) query = query.where('subject', '=', target.subject);
  const rows = await query.execute();
  await endSessions(
    db,
    rows.map((row) => row.id),
  );
  return rows;
}

/**
 * Removes sessions past their absolute end or idle for longer than allowed, also when their browser
 * never came back. Chat devices left tied to a session that is gone (it ended while the device was
 * being tied to it) are logged out on the way.
 */
export async function purgeExpiredSessions(db: Executor, now: number, lastSeenBefore: number): Promise<number> {
  const rows = await db
    .selectFrom('sessions')
    .select('id')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', lastSeenBefore)]))
    .execute();
  const orphans = await db
    .selectFrom('session_chat_devices')
    .select('session_id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sessions').select('sessions.id').whereRef('sessions.id', '=', 'session_chat_devices.session_id'),
        ),
      ),
    )
    .execute();
  await endSessions(db, [...new Set([...rows.map((row) => row.id), ...orphans.map((row) => row.session_id)])]);
  return rows.length;
}

/**
 * The chat devices of workspace sessions (ADR 0029). A device may be tied to more than one session
 * (a browser that signed in again before its last session ended): it is logged out when the first of
 * them ends, so it never outlives any session it was signed in under.
 */
export function sessionDeviceRepository(db: Executor): SessionDeviceRepository {
  return {
    bindChatDevice: async ({ sessionId, matrixUserId, deviceId }, now) => {
      const session = await db.selectFrom('sessions').select('id').where('id', '=', sessionId).executeTakeFirst();
      if (session === undefined) return 'no-session';
      const result = await db
        .insertInto('session_chat_devices')
        .values({ session_id: sessionId, matrix_user_id: matrixUserId, device_id: deviceId, created_at: now })
        .onConflict((oc) => oc.columns(['session_id', 'device_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 ? 'bound' : 'unchanged';
    },
  };
}

/**
 * Records a back-channel logout token as acted on, until `expiresAt`; false
 * when it was recorded before (a replay), also by another replica. Records
 * past their time are removed on the way.
 */
export async function rememberLogoutToken(db: Executor, id: string, expiresAt: number, now: number): Promise<boolean> {
  await db.deleteFrom('seen_logout_tokens').where('expires_at', '<', now).execute();
  const result = await db
    .insertInto('seen_logout_tokens')
    .values({ id, expires_at: expiresAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
