import { describe, expect, it } from 'vitest';
import { collabRepository } from '../../src/db/collabRepository.js';
import { migrateToLatest, type Db } from '../../src/db/database.js';
import { documentRepository } from '../../src/db/documentRepository.js';
import { roomRepository } from '../../src/db/roomRepository.js';
import { tenantRepository } from '../../src/db/tenantRepository.js';

/** A tenant, a room and a text entry of that name in it; returns the entry's id. */
export async function textEntry(db: Db, name = 'Text'): Promise<string> {
  const id = (k: number) => `00000000-0000-4000-8000-00000000000${k}`;
  await tenantRepository(db).insert({ id: id(1), slug: 't', name: 'T', emailDomains: ['t.example'] }, 1);
  await roomRepository(db).insert({ id: id(2), tenantId: id(1), name: 'R', topic: '', visibility: 'private' }, 1);
  await documentRepository(db).insertEntry({
    id: id(3),
    tenantId: id(1),
    roomId: id(2),
    parentId: null,
    kind: 'text',
    name,
    currentVersionId: null,
    size: 0,
    contentType: '',
    createdBy: 'p',
    createdByName: 'P',
    createdAt: 1,
    updatedBy: 'p',
    updatedByName: 'P',
    updatedAt: 1,
  });
  return id(3);
}

/** What the text documents' state table must do in every database the backend runs on. */
export function collabContract(dialect: string, open: () => Promise<{ db: Db; dispose: () => Promise<void> }>): void {
  describe(`collaborative documents’ state on ${dialect}`, () => {
    it('keeps every byte, replaces the state on each store, and goes with its purged entry', async () => {
      const { db, dispose } = await open();
      try {
        await migrateToLatest(db);
        const entryId = await textEntry(db);
        const documents = collabRepository(db);
        expect(await documents.load(entryId)).toBeNull();
        // Every byte value, zeros and invalid UTF-8 included, as a Yjs update may hold them.
        const state = new Uint8Array(512).map((_, i) => (i * 7) % 256);
        await documents.store(entryId, state, 10);
        expect(await documents.load(entryId)).toEqual(state);
        await documents.store(entryId, new Uint8Array([0, 255, 0]), 20);
        expect(await documents.load(entryId)).toEqual(new Uint8Array([0, 255, 0]));
        await documentRepository(db).purgeEntry(entryId);
        expect(await documents.load(entryId)).toBeNull();
      } finally {
        await dispose();
      }
    });
  });
}
