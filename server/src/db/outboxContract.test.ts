import { openDatabase } from './database.js';
import { outboxContract } from '../../test/support/outboxContract.js';

outboxContract('SQLite', () => {
  const db = openDatabase('sqlite::memory:');
  return Promise.resolve({ db, dispose: () => db.destroy() });
});
