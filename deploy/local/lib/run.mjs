import { spawn, spawnSync } from 'node:child_process';
import { LauncherError } from './log.mjs';

/** Runs a command to completion, output inherited; throws a LauncherError naming it on failure. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.error) throw new LauncherError(`${cmd} could not be started: ${result.error.message}`);
  if (result.status !== 0) {
    throw new LauncherError(`${[cmd, ...args].join(' ')} failed with exit code ${result.status}`);
  }
}

/** Runs a command and returns its stdout, or undefined if it cannot run. */
export function capture(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (result.error || result.status !== 0) return undefined;
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}

/** Async variant of run(), for work done in parallel. */
export function runAsync(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...options });
    child.on('error', (e) => reject(new LauncherError(`${cmd} could not be started: ${e.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new LauncherError(`${[cmd, ...args].join(' ')} failed with exit code ${code}`)),
    );
  });
}
