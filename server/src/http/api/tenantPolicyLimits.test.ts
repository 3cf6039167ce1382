import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../../db/database.js';
import { createStore } from '../../db/store.js';
import { DomainError } from '../../domain/errors.js';
import type { Store } from '../../domain/ports/store.js';
import type { CommandContext } from '../../commands/context.js';
import { getTenantPolicy, setTenantPolicy } from '../../commands/meetings/tenantPolicy.js';

const MB = 1024 * 1024;

describe('a tenant’s largest upload', () => {
  let db: Db;
  let store: Store;
  const tenantId = randomUUID();
  const limits = { maxUploadBytes: 200 * MB };
  const ctx: CommandContext = {
    actor: {
      userId: randomUUID(),
      subject: 'kc-admin',
      username: 'anna',
      displayName: 'Anna',
      tenantId,
      tenantRole: 'tenant-admin',
      platformAdmin: false,
    },
    requestId: null,
    now: Date.UTC(2026, 11, 4),
  };
  const set = (maxUploadMb: number | null) =>
    setTenantPolicy(store, ctx, tenantId, { meetings: true, guests: true, recording: false, maxUploadMb }, limits);

  beforeAll(async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    store = createStore(db);
    await store.transaction((tx) =>
      tx.tenants.insert({ id: tenantId, slug: 'amt', name: 'Amt', emailDomains: ['amt.example'] }, ctx.now),
    );
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('is whole MB from 1 to the installation’s limit, which the policy shows', async () => {
    expect(await set(200)).toMatchObject({ maxUploadMb: 200, maxUploadMbCeiling: 200 });
    expect(await store.read.documents.maxUploadBytes(tenantId)).toBe(200 * MB);
    expect(await set(1)).toMatchObject({ maxUploadMb: 1 });
    expect(await set(null)).toMatchObject({ maxUploadMb: null, maxUploadMbCeiling: 200 });
    expect(await getTenantPolicy(store, ctx, tenantId, { ...limits, quotaBytes: 5 * MB })).toMatchObject({
      maxUploadMbCeiling: 200,
      storage: { usedBytes: 0, quotaBytes: 5 * MB },
    });
  });

  it('refuses more than the installation allows, naming its limit, and fractions or nothing at all', async () => {
    await set(50);
    for (const mb of [201, 5e-324, 0, 0.5, 1.5, -3]) {
      const error = await set(mb).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, String(mb)).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'invalid', details: { field: 'maxUploadMb', min: 1, max: 200 } });
      expect((error as Error).message).toContain('200');
    }
    expect(await store.read.documents.maxUploadBytes(tenantId)).toBe(50 * MB);
  });
});
