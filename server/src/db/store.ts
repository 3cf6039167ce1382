import type { Transaction } from 'kysely';
import type { Notifier, WorkspaceEvent } from '../domain/ports/notifier.js';
import type { Store, StoreTx } from '../domain/ports/store.js';
import type { Db } from './database.js';
import type { Database } from './schema.js';
import { appendAudit, queryAudit } from './auditRepository.js';
import { enqueue } from './outboxRepository.js';
import { peopleRepository } from './peopleRepository.js';
import { meetingRepository } from './meetingRepository.js';
import { scheduleRepository } from './scheduleRepository.js';
import { roomRepository } from './roomRepository.js';
import { sessionDeviceRepository } from './sessionRepository.js';
import { documentRepository } from './documentRepository.js';
import { tenantRepository } from './tenantRepository.js';
import { privacyRepository } from './privacyRepository.js';

function storeTx(trx: Transaction<Database>, events: WorkspaceEvent[]): StoreTx {
  return {
    tenants: tenantRepository(trx),
    people: peopleRepository(trx),
    rooms: roomRepository(trx),
    meetings: meetingRepository(trx),
    schedule: scheduleRepository(trx),
    documents: documentRepository(trx),
    sessions: sessionDeviceRepository(trx),
    privacy: privacyRepository(trx),
    audit: {
      append: async (entry) => {
        await appendAudit(trx, entry);
      },
    },
    outbox: { enqueue: (job) => enqueue(trx, job) },
    notify: (event) => {
      events.push(event);
    },
  };
}

/** The desired state on Kysely: one database transaction per command. */
export function createStore(db: Db, notifier?: Notifier): Store {
  const repositories = {
    tenants: tenantRepository(db),
    people: peopleRepository(db),
    rooms: roomRepository(db),
    meetings: meetingRepository(db),
    schedule: scheduleRepository(db),
    documents: documentRepository(db),
    privacy: privacyRepository(db),
  };
  return {
    transaction: async (work) => {
      const events: WorkspaceEvent[] = [];
      const result = await db.transaction().execute((trx) => work(storeTx(trx, events)));
      for (const event of events) notifier?.publish(event);
      return result;
    },
    read: { ...repositories, audit: { query: (q) => queryAudit(db, q) } },
    write: repositories,
  };
}
