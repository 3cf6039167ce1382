import type { Selectable, Updateable } from 'kysely';
import type { Person } from '../domain/person.js';
import type { PeopleRepository } from '../domain/ports/store.js';
import type { PeopleTable, Executor } from './schema.js';
import { newSyncedRow, syncStateOf } from './syncedRows.js';

function toPerson(row: Selectable<PeopleTable>): Person {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    role: row.role,
    ...syncStateOf(row),
    subject: row.subject,
    platformAdmin: row.platform_admin === 1,
    locale: row.locale === 'en' ? 'en' : 'de',
    invitedAt: row.invited_at === null ? null : Number(row.invited_at),
    mailNotices: Number(row.mail_notices) !== 0,
    guestTerm:
      row.sponsor_id === null || row.expires_at === null
        ? null
        : {
            sponsorId: row.sponsor_id,
            expiresAt: Number(row.expires_at),
            noticeSentAt: row.expiry_notice_at === null ? null : Number(row.expiry_notice_at),
          },
    createdAt: row.created_at,
  };
}

export function peopleRepository(db: Executor): PeopleRepository {
  /** Changes one person's row. */
  const updateRow = async (id: string, values: Updateable<PeopleTable>) => {
    await db.updateTable('people').set(values).where('id', '=', id).execute();
  };
  return {
    async insert(p, now) {
      await db
        .insertInto('people')
        .values({
          id: p.id,
          tenant_id: p.tenantId,
          username: p.username.toLowerCase(),
          email: p.email.toLowerCase(),
          first_name: p.firstName,
          last_name: p.lastName,
          role: p.role,
          subject: null,
          matrix_user_id: null,
          locale: p.locale ?? 'de',
          invited_at: null,
          ...newSyncedRow(now),
        })
        .execute();
    },
    async findById(id) {
      const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toPerson(row) : undefined;
    },
    async list(tenantId, filter = {}) {
      let q = db.selectFrom('people').selectAll().where('tenant_id', '=', tenantId);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.guestsEndingBy !== undefined) q = q.where('expires_at', '<=', filter.guestsEndingBy);
      if (filter.sponsorId !== undefined) q = q.where('sponsor_id', '=', filter.sponsorId);
      if (filter.search) {
        const like = `%${filter.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['first_name']), 'like', like),
            eb(eb.fn('lower', ['last_name']), 'like', like),
            eb('email', 'like', like),
            eb('username', 'like', like),
          ]),
        );
      }
      return (await q.orderBy('last_name').orderBy('first_name').execute()).map(toPerson);
    },
    async taken(emails, usernames) {
      const lowerEmails = emails.map((e) => e.toLowerCase());
      const lowerUsernames = usernames.map((u) => u.toLowerCase());
      const found = { emails: new Set<string>(), usernames: new Set<string>() };
      // Chunked so a large import stays within the databases' parameter limits.
      for (let i = 0; i < Math.max(lowerEmails.length, lowerUsernames.length); i += 500) {
        const e = lowerEmails.slice(i, i + 500);
        const u = lowerUsernames.slice(i, i + 500);
        if (e.length > 0) {
          for (const row of await db.selectFrom('people').select('email').where('email', 'in', e).execute()) {
            found.emails.add(row.email);
          }
        }
        if (u.length > 0) {
          for (const row of await db.selectFrom('people').select('username').where('username', 'in', u).execute()) {
            found.usernames.add(row.username);
          }
        }
      }
      return found;
    },
    async setRole(id, role, now) {
      await updateRow(id, { role, updated_at: now });
    },
    async setMailNotices(id, enabled, now) {
      await updateRow(id, { mail_notices: enabled ? 1 : 0, updated_at: now });
    },
    async setInvitedAt(id, invitedAt) {
      await updateRow(id, { invited_at: invitedAt });
    },
    async setGuestTerm(id, term, now) {
      await updateRow(id, {
        sponsor_id: term?.sponsorId ?? null,
        expires_at: term?.expiresAt ?? null,
        expiry_notice_at: term?.noticeSentAt ?? null,
        updated_at: now,
      });
    },
    async guestsEndingBy(horizon) {
      const rows = await db
        .selectFrom('people')
        .selectAll()
        .where('status', '=', 'active')
        .where('role', '=', 'guest')
        .where('expires_at', '<=', horizon)
        .orderBy('expires_at')
        .execute();
      return rows.map(toPerson);
    },
    async setPlatformAdmin(id, platformAdmin, now) {
      await updateRow(id, { platform_admin: platformAdmin ? 1 : 0, updated_at: now });
    },
    async setStatus(id, status, now) {
      await updateRow(id, { status, updated_at: now });
    },
    async setLinks(id, links, now) {
      await updateRow(id, {
        ...(links.subject !== undefined ? { subject: links.subject } : {}),
        ...(links.matrixUserId !== undefined ? { matrix_user_id: links.matrixUserId } : {}),
        updated_at: now,
      });
    },
    async links(id) {
      const row = await db
        .selectFrom('people')
        .select(['subject', 'matrix_user_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? { subject: row.subject, matrixUserId: row.matrix_user_id } : undefined;
    },
    async setSync(id, sync, error, now) {
      await updateRow(id, { sync, sync_error: error, updated_at: now });
    },
  };
}
