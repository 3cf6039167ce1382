import type { Transaction } from 'kysely';
import type { Store, StoreTx } from '../domain/ports/store.js';
import type { Db } from './database.js';
import type { Database } from './schema.js';
import { appendAudit, queryAudit } from './auditRepository.js';
import { enqueue } from './outboxRepository.js';
import { peopleRepository } from './peopleRepository.js';
import { roomRepository } from './roomRepository.js';
import { tenantRepository } from './tenantRepository.js';

function storeTx(trx: Transaction<Database>): StoreTx {
  return {
    tenants: tenantRepository(trx),
    people: peopleRepository(trx),
    rooms: roomRepository(trx),
    audit: {
      append: async (entry) => {
        await appendAudit(trx, entry);
      },
    },
    outbox: { enqueue: (job) => enqueue(trx, job) },
  };
}

/** The desired state on Kysely: one database transaction per command. */
export function createStore(db: Db): Store {
  return {
    transaction: (work) => db.transaction().execute((trx) => work(storeTx(trx))),
    read: {
      tenants: tenantRepository(db),
      people: peopleRepository(db),
      rooms: roomRepository(db),
      audit: { query: (q) => queryAudit(db, q) },
    },
  };
}
