import fs from 'node:fs';
import path from 'node:path';
import { startProcess, waitFor } from './processes.mjs';

/**
 * Synapse as the production topology runs it (ADR 0038): the main process and one generic worker,
 * both on PostgreSQL, talking over Redis and the main process's replication listener. The proxy
 * sends `/sync` to the worker and everything else to the main process, as the compose file's does.
 * Returns the configuration files to add after the homeserver's own (a later file replaces a
 * top-level key whole, so `listeners` is given complete).
 */
export function writeWorkerConfigs(p, values, shared) {
  const data = p.paths.synapseData;
  const shared_ = path.join(data, 'topology.yaml');
  // JSON is YAML: written as such, nothing to escape.
  fs.writeFileSync(
    shared_,
    JSON.stringify(
      {
        listeners: [
          {
            port: p.ports.synapseMain,
            bind_addresses: ['127.0.0.1'],
            type: 'http',
            tls: false,
            x_forwarded: true,
            resources: [{ names: ['client'], compress: false }],
          },
          {
            port: p.ports.synapseReplication,
            bind_addresses: ['127.0.0.1'],
            type: 'http',
            resources: [{ names: ['replication'] }],
          },
        ],
        database: {
          name: 'psycopg2',
          args: {
            user: 'workspace',
            database: shared.synapseDatabase,
            host: '127.0.0.1',
            port: p.ports.postgres,
            cp_min: 2,
            cp_max: 5,
          },
        },
        redis: { enabled: true, host: '127.0.0.1', port: p.ports.redis },
        instance_map: { main: { host: '127.0.0.1', port: p.ports.synapseReplication } },
      },
      null,
      2,
    ),
  );
  const worker = path.join(data, 'worker-generic1.yaml');
  fs.writeFileSync(
    worker,
    JSON.stringify(
      {
        worker_app: 'synapse.app.generic_worker',
        worker_name: 'generic1',
        worker_listeners: [
          {
            type: 'http',
            port: p.ports.synapseWorker,
            bind_addresses: ['127.0.0.1'],
            x_forwarded: true,
            resources: [{ names: ['client'] }],
          },
        ],
        worker_log_config: values.LOG_CONFIG_PATH,
      },
      null,
      2,
    ),
  );
  return { configs: ['-c', shared_], worker };
}

/** Starts the generic worker with the main process's configuration and its own; waits until it answers. */
export async function startSynapseWorker(p, { venv, configs, worker, env }) {
  const proc = startProcess(
    'synapse-worker',
    path.join(venv, 'bin/python'),
    ['-m', 'synapse.app.generic_worker', ...configs, '-c', worker],
    { cwd: p.paths.synapseData, env, logFile: path.join(p.paths.logs, 'synapse-worker.log') },
  );
  await waitFor(`http://127.0.0.1:${p.ports.synapseWorker}/health`, {
    proc,
    timeoutMs: 180_000,
    what: 'Synapse worker',
  });
  return proc;
}
