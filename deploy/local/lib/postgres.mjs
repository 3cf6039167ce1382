import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LauncherError } from './log.mjs';
import { runAsync } from './run.mjs';
import { ensureDebianPackages } from './prerequisites.mjs';
import { startProcess, waitForPort } from './processes.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

/** Runs a PostgreSQL binary as the postgres user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(cmd, args) {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

/**
 * A throwaway PostgreSQL cluster (Debian's server binaries) for the tests that
 * prove the database code runs on PostgreSQL as well as on SQLite. Fresh on
 * every start; trust authentication on 127.0.0.1 only.
 */
export async function startPostgres(p) {
  if (!postgresBin()) ensureDebianPackages([{ command: '/usr/lib/postgresql/*/bin/initdb', pkg: 'postgresql' }]);
  const bin = postgresBin();
  if (!bin) throw new LauncherError('PostgreSQL server binaries not found (apt-get install postgresql).');
  // Outside the repository: the postgres user must reach it, and our state folders are private.
  const prefix = `workspace-postgres-${p.name}-`;
  for (const old of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(prefix))) {
    fs.rmSync(path.join(os.tmpdir(), old), { recursive: true, force: true });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o700);
  if (isRoot) await runAsync('chown', ['postgres:postgres', dir]);
  const [initCmd, initArgs] = asPostgres(path.join(bin, 'initdb'), [
    '-D',
    dir,
    '-U',
    'workspace',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  await runAsync(initCmd, initArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
  // The replicas' network (ADR 0043): its hosts connect over it, trusted like loopback.
  if (p.network) fs.appendFileSync(path.join(dir, 'pg_hba.conf'), `host all all ${p.network.subnet} trust\n`);
  const [cmd, args] = asPostgres(path.join(bin, 'postgres'), [
    '-D',
    dir,
    '-p',
    String(p.ports.postgres),
    '-k',
    dir,
    '-c',
    `listen_addresses=${[...new Set(['127.0.0.1', p.listenAddress])].join(',')}`,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
  ]);
  // SIGINT is PostgreSQL's "fast shutdown": it does not wait for clients to leave.
  const proc = startProcess('postgres', cmd, args, {
    cwd: dir,
    env: process.env,
    logFile: path.join(p.paths.logs, 'postgres.log'),
    stopSignal: 'SIGINT',
  });
  await waitForPort(p.ports.postgres, proc, 30_000, 'PostgreSQL');
  const server = `${p.listenAddress}:${p.ports.postgres}`;
  return {
    proc,
    url: `postgres://workspace@${server}/postgres`,
    /** Makes one more database in the cluster (Keycloak's); returns its JDBC address. */
    createDatabase: async (name) => {
      await runAsync(path.join(bin, 'createdb'), [
        '-h',
        p.listenAddress,
        '-p',
        String(p.ports.postgres),
        '-U',
        'workspace',
        name,
      ]);
      return `jdbc:postgresql://${server}/${name}`;
    },
  };
}
