import type { Kysely } from 'kysely';
import type {
  EndedSession,
  PendingLogin,
  SessionPerson,
  SessionStore,
  SessionTarget,
  SessionWithPerson,
  StoredSession,
} from '../domain/ports/sessions.js';
import type { SessionDeviceRepository } from '../domain/ports/store.js';
import type { Database, Executor } from './schema.js';

export async function insertPendingLogin(db: Executor, row: PendingLogin): Promise<void> {
  await db.insertInto('pending_logins').values(row).execute();
}

/** Reads and removes a pending sign-in: each one can be completed at most once. */
export async function takePendingLogin(db: Kysely<Database>, id: string): Promise<PendingLogin | undefined> {
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

export async function insertSession(db: Executor, row: StoredSession): Promise<void> {
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
  changes: Partial<Omit<StoredSession, 'id' | 'subject' | 'created_at' | 'expires_at'>>,
): Promise<void> {
  await db.updateTable('sessions').set(changes).where('id', '=', id).execute();
}

const endedColumns = ['id', 'subject', 'username', 'display_name', 'provider_session_id'] as const;

export async function sessionsById(db: Executor, ids: string[]): Promise<EndedSession[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('sessions').select(endedColumns).where('id', 'in', ids).execute();
}

/**
 * The sessions a back-channel logout names: those of the provider's session `sid` (of that
 * subject, when both are given), or all of the subject's.
 */
export async function sessionsOf(db: Executor, target: SessionTarget): Promise<EndedSession[]> {
  if (target.subject === null && target.providerSessionId === null) return [];
  let query = db.selectFrom('sessions').select(endedColumns);
  if (target.providerSessionId !== null) query = query.where('provider_session_id', '=', target.providerSessionId);
  if (target.subject !== null) query = query.where('subject', '=', target.subject);
  return query.execute();
}

/**
 * Sessions past their absolute end or idle for longer than allowed (also when their browser never
 * came back), and sessions already gone whose chat devices are still tied to them (they ended while
 * a device was being tied).
 */
export async function expiredSessionIds(
  db: Executor,
  now: number,
  lastSeenBefore: number,
): Promise<{ expired: string[]; orphaned: string[] }> {
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
  return { expired: rows.map((row) => row.id), orphaned: [...new Set(orphans.map((row) => row.session_id))] };
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
    chatDevicesOf: async (sessionIds) => {
      if (sessionIds.length === 0) return [];
      const rows = await db
        .selectFrom('session_chat_devices')
        .select(['session_id', 'matrix_user_id', 'device_id'])
        .where('session_id', 'in', sessionIds)
        .execute();
      return rows.map((row) => ({
        sessionId: row.session_id,
        matrixUserId: row.matrix_user_id,
        deviceId: row.device_id,
      }));
    },
    remove: async (sessionIds) => {
      if (sessionIds.length === 0) return;
      await db.deleteFrom('session_chat_devices').where('session_id', 'in', sessionIds).execute();
      await db.deleteFrom('sessions').where('id', 'in', sessionIds).execute();
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

/** Sessions, pending sign-ins and seen logout tokens on Kysely. */
export function sessionStore(db: Kysely<Database>): SessionStore {
  return {
    insertPendingLogin: (row) => insertPendingLogin(db, row),
    takePendingLogin: (id) => takePendingLogin(db, id),
    purgePendingLogins: (createdBefore) => purgePendingLogins(db, createdBefore),
    findPersonForSignIn: (subject) => findPersonForSignIn(db, subject),
    recordPlatformAdmin: (personId, platformAdmin, now) => recordPlatformAdmin(db, personId, platformAdmin, now),
    insertSession: (row) => insertSession(db, row),
    findSession: (id) => findSession(db, id),
    updateSession: (id, changes) => updateSession(db, id, changes),
    sessionsById: (ids) => sessionsById(db, ids),
    sessionsOf: (target) => sessionsOf(db, target),
    expiredSessionIds: (now, lastSeenBefore) => expiredSessionIds(db, now, lastSeenBefore),
    rememberLogoutToken: (id, expiresAt, now) => rememberLogoutToken(db, id, expiresAt, now),
  };
}
