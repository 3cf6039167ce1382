import { collabContract } from '../../test/support/collabContract.js';
import { openDatabase } from './database.js';

collabContract('SQLite', () => {
  const db = openDatabase('sqlite::memory:');
  return Promise.resolve({ db, dispose: () => db.destroy() });
});
