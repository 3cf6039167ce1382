import fs from 'node:fs';
import path from 'node:path';
import { ensureDebianPackages } from './prerequisites.mjs';
import { startProcess, waitForPort } from './processes.mjs';

/**
 * Redis (Debian's redis-server) on the profile's port, loopback only, keeping
 * nothing on disk: what the replicas share there (rate-limit counters, events
 * in flight, locks of documents being stored) lives only as long as they run.
 */
export async function startRedis(p) {
  ensureDebianPackages([{ command: 'redis-server', pkg: 'redis-server' }]);
  const dir = path.join(p.dir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const proc = startProcess(
    'redis',
    'redis-server',
    [
      '--port',
      String(p.ports.redis),
      '--bind',
      ...new Set(['127.0.0.1', p.listenAddress]),
      // Reached from the replicas' hosts too (ADR 0043): it listens on loopback and that private
      // bridge only, which protected mode (loopback only without a password) would refuse.
      ...(p.network ? ['--protected-mode', 'no'] : []),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { cwd: dir, env: process.env, logFile: path.join(p.paths.logs, 'redis.log') },
  );
  await waitForPort(p.ports.redis, proc, 30_000, 'Redis');
  return { proc, url: `redis://${p.listenAddress}:${p.ports.redis}` };
}
