import type { Selectable, Updateable } from 'kysely';
import type { TenantRepository } from '../domain/ports/store.js';
import type { Tenant } from '../domain/tenant.js';
import type { TenantsTable, Executor } from './schema.js';
import { newSyncedRow, syncStateOf } from './syncedRows.js';

function toTenant(row: Selectable<TenantsTable>): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    emailDomains: JSON.parse(row.email_domains) as string[],
    ...syncStateOf(row),
    createdAt: row.created_at,
    archivedAt: row.archived_at,
  };
}

export function tenantRepository(db: Executor): TenantRepository {
  /** Changes one row of tenants. */
  const updateRow = async (id: string, values: Updateable<TenantsTable>) => {
    await db.updateTable('tenants').set(values).where('id', '=', id).execute();
  };
  return {
    async insert(t, now) {
      await db
        .insertInto('tenants')
        .values({
          id: t.id,
          slug: t.slug,
          name: t.name,
          email_domains: JSON.stringify(t.emailDomains),
          keycloak_org_id: null,
          matrix_space_id: null,
          ...newSyncedRow(now),
          archived_at: null,
        })
        .execute();
    },
    async findById(id) {
      const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toTenant(row) : undefined;
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toTenant(row) : undefined;
    },
    async list({ ids }) {
      if (ids && ids.length === 0) return [];
      let q = db.selectFrom('tenants').selectAll();
      if (ids) q = q.where('id', 'in', ids);
      return (await q.orderBy('name').execute()).map(toTenant);
    },
    async links(id) {
      const row = await db
        .selectFrom('tenants')
        .select(['keycloak_org_id', 'matrix_space_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? { keycloakOrgId: row.keycloak_org_id, matrixSpaceId: row.matrix_space_id } : undefined;
    },
    async setLinks(id, links, now) {
      await updateRow(id, {
        ...(links.keycloakOrgId !== undefined ? { keycloak_org_id: links.keycloakOrgId } : {}),
        ...(links.matrixSpaceId !== undefined ? { matrix_space_id: links.matrixSpaceId } : {}),
        updated_at: now,
      });
    },
    async setSync(id, sync, error, now) {
      await updateRow(id, { sync, sync_error: error, updated_at: now });
    },
    async archive(id, now) {
      await updateRow(id, { status: 'archived', archived_at: now, updated_at: now });
    },
  };
}
