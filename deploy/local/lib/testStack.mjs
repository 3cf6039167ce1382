import { startPostgres } from './postgres.mjs';
import { startRedis } from './redis.mjs';
import { proxyRootCertificate, replicaStateFile } from './replicas.mjs';
import { startStack, testEnv } from './stack.mjs';
import { assertPortsFree, onStopped } from './processes.mjs';
import { createNetwork, removeNetwork } from './netns.mjs';

/**
 * A stack for tests: PostgreSQL and Redis beside Keycloak, Synapse and the workspace. The test
 * stack's backend keeps the embedded defaults (SQLite, memory) and the tests use PostgreSQL and
 * Redis directly; the replicas profile's backends share both (ADR 0038).
 */
export async function startTestStack(p, tools) {
  await assertPortsFree([
    { port: p.ports.postgres, what: 'PostgreSQL for tests' },
    { port: p.ports.redis, what: 'Redis for tests' },
  ]);
  if (p.network) {
    // The replicas' hosts and the gateway the shared servers listen on (ADR 0043).
    createNetwork(p.network);
    onStopped(() => removeNetwork(p.network));
  }
  const [postgres, redis] = await Promise.all([startPostgres(p), startRedis(p)]);
  const shared = {
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    // The production topology's Keycloak and Synapse keep their data in PostgreSQL too.
    ...(p.kind === 'replicas' ? await topologyDatabases(postgres) : {}),
  };
  const { secrets } = await startStack(p, { ...tools, shared });
  return { secrets, env: testStackEnv(p, secrets, shared) };
}

/** Keycloak's and Synapse's databases in the production topology's PostgreSQL. */
async function topologyDatabases(postgres) {
  const synapseDatabase = 'synapse';
  await postgres.createDatabase(synapseDatabase);
  return { keycloakJdbcUrl: await postgres.createDatabase('keycloak'), synapseDatabase };
}

/** What the tests are told about a stack started by startTestStack. */
export function testStackEnv(p, secrets, shared) {
  return {
    ...testEnv(p, secrets, shared),
    TEST_POSTGRES_URL: shared.databaseUrl,
    TEST_REDIS_URL: shared.redisUrl,
    ...(p.kind === 'replicas'
      ? { NODE_EXTRA_CA_CERTS: proxyRootCertificate(p), REPLICAS_FILE: replicaStateFile(p) }
      : {}),
  };
}
