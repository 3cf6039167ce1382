import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir, versions } from './paths.mjs';
import { LauncherError, log } from './log.mjs';

/**
 * The workspace runs on a maintained Node LTS (ADR 0034) even where the machine
 * has an older one: the npm registry ships Node's own binaries as
 * `node-<platform>-<arch>` packages, headers included, so the launcher fetches
 * the pinned release once into .cache and runs itself, npm, the build, the
 * tests and the backend with it.
 */
export const wantedNode = () => versions.node;

const major = (version) => Number(version.split('.')[0]);

/** The Node release that runs the workspace: the pinned one, or the machine's when it is at least that major. */
export function runtimeIsCurrent(actual = process.versions.node, wanted = wantedNode()) {
  return major(actual) >= major(wanted);
}

/** Where the pinned release is unpacked: `<home>/bin/node`, `<home>/include/node`. */
export function runtimeHome(version = wantedNode(), platform = process.platform, arch = process.arch) {
  return path.join(cacheDir, `node-${version}-${platform}-${arch}`);
}

function fetchRuntime(version) {
  const home = runtimeHome(version);
  if (fs.existsSync(path.join(home, 'bin/node'))) return home;
  const pkg = `node-${process.platform}-${process.arch}@${version}`;
  const downloads = path.join(cacheDir, 'downloads');
  fs.mkdirSync(downloads, { recursive: true });
  log.step(`Fetching Node.js ${version} from the npm registry (${pkg})`);
  const packed = spawnSync('npm', ['pack', pkg, '--silent', '--pack-destination', downloads], { encoding: 'utf8' });
  const file = packed.stdout?.trim().split('\n').pop();
  if (packed.status !== 0 || !file) {
    throw new LauncherError(`Node.js ${version} could not be fetched (npm pack ${pkg}): ${packed.stderr ?? ''}`.trim());
  }
  const partial = `${home}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  const unpacked = spawnSync('tar', ['-xzf', path.join(downloads, file), '-C', partial, '--strip-components=1']);
  if (unpacked.status !== 0 || !fs.existsSync(path.join(partial, 'bin/node'))) {
    throw new LauncherError(`Node.js ${version} could not be unpacked from ${file}`);
  }
  fs.renameSync(partial, home);
  return home;
}

/** The environment every child inherits: this Node first on PATH, its headers for native modules. */
export function runtimeEnv(home, env = process.env) {
  return {
    ...env,
    PATH: `${path.join(home, 'bin')}${path.delimiter}${env.PATH ?? ''}`,
    // node-gyp builds native modules (better-sqlite3) against these headers, not the machine's.
    npm_config_nodedir: home,
  };
}

/**
 * Runs the launcher again under the pinned Node when the machine's is older,
 * forwarding signals so Ctrl-C and SIGTERM stop the stack as before. Returns
 * the exit code of that run, or undefined when this process is already right.
 */
export async function reexecOnRuntime(script, args) {
  if (runtimeIsCurrent() || process.env.WORKSPACE_NODE === 'system') return undefined;
  const home = fetchRuntime(wantedNode());
  const child = spawn(path.join(home, 'bin/node'), [script, ...args], { stdio: 'inherit', env: runtimeEnv(home) });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('error', (error) => {
      log.error(`Node.js ${wantedNode()} could not be started: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}
