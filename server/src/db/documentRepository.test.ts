import { describe, expect, it } from 'vitest';
import { textEntry } from '../../test/support/collabContract.js';
import { migrateToLatest, openDatabase } from './database.js';
import { documentRepository } from './documentRepository.js';

describe('the library’s entries on SQLite', () => {
  it('finds a live entry by name as the unique index compares names, letters beyond ASCII too', async () => {
    const db = openDatabase('sqlite::memory:');
    try {
      await migrateToLatest(db);
      const id = await textEntry(db, 'Übersicht Ýý');
      const roomId = '00000000-0000-4000-8000-000000000002';
      const found = (name: string) => documentRepository(db).findLiveByName(roomId, null, name);
      expect((await found('Übersicht Ýý'))?.id).toBe(id);
      expect((await found('ÜBERSICHT Ýý'))?.id).toBe(id);
      expect(await found('Überblick')).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });
});
