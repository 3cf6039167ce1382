import pino from 'pino';
import { KeycloakDirectory } from '../../src/adapters/keycloak/index.js';
import { SmtpMail } from '../../src/adapters/mail/index.js';
import { IcalCalendarFiles } from '../../src/adapters/calendar/index.js';
import { mailNoticeHandlers } from '../../src/commands/notices/mailNotices.js';
import { provisioningHandlers } from '../../src/commands/provisioning/provisioningHandlers.js';
import type { Db } from '../../src/db/database.js';
import { jobQueue } from '../../src/db/outboxRepository.js';
import type { Store } from '../../src/domain/ports/store.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { stackEnv } from './stackEnv.js';
import { stackMatrix } from './stackMatrix.js';

/** The workspace's Keycloak adapter for the test stack (through `baseUrl` when a test relays it). */
export function stackKeycloak(baseUrl = stackEnv('KEYCLOAK_URL')): KeycloakDirectory {
  return new KeycloakDirectory({
    baseUrl,
    realm: stackEnv('KEYCLOAK_REALM'),
    clientId: stackEnv('KEYCLOAK_CLIENT_ID'),
    clientSecret: stackEnv('KEYCLOAK_CLIENT_SECRET'),
    invitation: {
      clientId: stackEnv('KEYCLOAK_CLIENT_ID'),
      redirectUri: `${stackEnv('PUBLIC_URL')}/`,
      lifespanSeconds: 3600,
    },
  });
}

/** The stack's mail server, as the backend sends through it. */
export function stackMail(): SmtpMail {
  return new SmtpMail({
    host: stackEnv('SMTP_HOST'),
    port: Number(stackEnv('SMTP_PORT')),
    from: stackEnv('SMTP_FROM'),
    fromName: 'Arbeitsbereich',
    tls: 'none',
  });
}

/**
 * An outbox worker over a test's own database with the real adapters of the test stack, as the
 * backend runs it: accounts, rooms and memberships in Keycloak and Synapse, and notices by e-mail.
 * Its clock is the test's, so backoffs and deadlines can be passed over.
 */
export function stackWorker(options: { db: Db; store: Store; now: () => number }): OutboxWorker {
  const { db, store, now } = options;
  const provisioning = provisioningHandlers({ store, identity: stackKeycloak(), chat: stackMatrix(), now });
  const notices = mailNoticeHandlers({
    store,
    mail: stackMail(),
    publicUrl: stackEnv('PUBLIC_URL'),
    calendar: new IcalCalendarFiles('Arbeitsbereich'),
  });
  return new OutboxWorker({
    queue: jobQueue(db),
    handlers: { ...provisioning.handlers, ...notices.handlers },
    onFailed: provisioning.onFailed,
    logger: pino({ level: 'silent' }),
    pollMs: 50,
    now,
  });
}
