import path from 'node:path';
import { topologyNetwork } from './netns.mjs';
import { profileDir } from './paths.mjs';

const envPort = (name, fallback) => {
  const value = process.env[name];
  return value && /^\d+$/.test(value) ? Number(value) : fallback;
};

/**
 * A profile is one local stack with its own ports and state folder, so the
 * workspace (`dev`) and the test stack (`test`) can run side by side.
 */
export function profile(name) {
  const base = {
    dev: {
      backend: 3000,
      keycloak: 8080,
      keycloakManagement: 9000,
      synapse: 8008,
      postgres: 5433,
      s3: 9400,
      redis: 6380,
      // LiveKit: signalling and API, media over TCP (fallback), the first of its UDP ports.
      livekit: 7880,
      livekitTcp: 7881,
      livekitUdpFirst: 7882,
      smtp: 1025,
      mailpit: 8025,
      // ClamAV's daemon, which scans uploads (ADR 0055).
      clamd: 3310,
    },
    test: {
      backend: 13000,
      keycloak: 18080,
      keycloakManagement: 19000,
      synapse: 18008,
      postgres: 15432,
      s3: 19400,
      redis: 16379,
      livekit: 17880,
      livekitTcp: 17881,
      livekitUdpFirst: 17882,
      smtp: 11025,
      mailpit: 18025,
      clamd: 13310,
    },
    bench: {
      backend: 33000,
      keycloak: 38080,
      keycloakManagement: 39000,
      synapse: 38008,
      postgres: 35432,
      s3: 39400,
      redis: 36379,
      smtp: 31025,
      mailpit: 38025,
    },
    // The production topology on one machine (ADR 0038): `backend` is the TLS proxy's port, in front of
    // two replicas on the next ports, and `internal` the proxy's plain door for Synapse's calls.
    replicas: {
      backend: 23000,
      replica1: 23001,
      replica2: 23002,
      internal: 23003,
      keycloak: 28080,
      keycloakManagement: 29000,
      // Synapse's public port is the proxy's: the main process and its generic worker listen behind it.
      synapse: 28008,
      synapseMain: 28010,
      synapseReplication: 28011,
      synapseWorker: 28012,
      postgres: 25432,
      s3: 29400,
      redis: 26379,
      smtp: 21025,
      mailpit: 28025,
    },
  }[name];
  if (!base) throw new Error(`unknown profile ${name}`);
  // STACK_PORT_OFFSET runs a second test or bench stack beside the first (ports + offset, own state folder).
  const offset = name === 'dev' ? 0 : envPort('STACK_PORT_OFFSET', 0);
  const ports =
    name === 'dev'
      ? {
          backend: envPort('PORT', base.backend),
          keycloak: envPort('KEYCLOAK_PORT', base.keycloak),
          keycloakManagement: envPort('KEYCLOAK_MANAGEMENT_PORT', base.keycloakManagement),
          synapse: envPort('SYNAPSE_PORT', base.synapse),
          postgres: base.postgres,
          s3: base.s3,
          livekit: base.livekit,
          livekitTcp: base.livekitTcp,
          livekitUdpFirst: base.livekitUdpFirst,
          smtp: envPort('MAILPIT_SMTP_PORT', base.smtp),
          mailpit: envPort('MAILPIT_PORT', base.mailpit),
          clamd: envPort('CLAMD_PORT', base.clamd),
        }
      : Object.fromEntries(Object.entries(base).map(([k, v]) => [k, v + offset]));
  const dir = profileDir(offset ? `${name}-${offset}` : name);
  // The production topology's replicas are hosts of their own (ADR 0043): the servers they share
  // listen on the network's gateway address, which this machine's tests reach as well.
  const network = name === 'replicas' ? topologyNetwork(offset, 2) : undefined;
  const serverHost = network ? network.gateway : 'localhost';
  const listenAddress = network ? network.gateway : '127.0.0.1';
  return {
    name: offset ? `${name}-${offset}` : name,
    kind: name,
    dir,
    ports,
    realm: 'workspace',
    serverName: 'localhost',
    publicUrl: name === 'replicas' ? `https://localhost:${ports.backend}` : `http://localhost:${ports.backend}`,
    /** The replicas' own addresses behind the proxy (the replicas profile only). */
    replicaPorts: name === 'replicas' ? [ports.replica1, ports.replica2] : [],
    /** The replicas' network (the replicas profile only). */
    network,
    /** The address the shared servers listen on: loopback, or the replicas' network's gateway. */
    listenAddress,
    keycloakUrl: `http://${serverHost}:${ports.keycloak}`,
    keycloakManagementUrl: `http://${serverHost}:${ports.keycloakManagement}`,
    synapseUrl: `http://${serverHost}:${ports.synapse}`,
    s3Url: `http://${listenAddress}:${ports.s3}`,
    /** Where browsers reach the profile's LiveKit server (the embedded and test stacks only). */
    livekitUrl: ports.livekit === undefined ? undefined : `ws://127.0.0.1:${ports.livekit}`,
    /** How many UDP ports LiveKit's media may use, from livekitUdpFirst on. */
    livekitUdpPorts: 20,
    relaxedRateLimits: name !== 'dev',
    paths: {
      keycloakHome: path.join(dir, 'keycloak'),
      synapseData: path.join(dir, 'synapse'),
      database: path.join(dir, 'workspace.sqlite'),
      logs: path.join(dir, 'logs'),
      /** Uploaded documents (STORAGE_DIR of the local-disk storage). */
      files: path.join(dir, 'files'),
      /** The TLS proxy's configuration, certificates and local CA (the replicas profile only). */
      proxy: path.join(dir, 'proxy'),
      /** s3proxy's filesystem backend: one folder per bucket (test stack only). */
      s3Data: path.join(dir, 's3'),
      /** Mailpit's store of the messages it received. */
      mail: path.join(dir, 'mailpit.db'),
    },
  };
}
