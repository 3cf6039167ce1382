#!/usr/bin/env node
// The project's launcher: `npm start`, `npm test`, `npm run stack`, `npm run bench:*`, `npm run sbom`,
// `npm run compose:init`, `npm run backup`, `npm run restore`.
// It uses Node's standard library only, because it runs before anything is installed.
import { fileURLToPath } from 'node:url';
import { LauncherError, log } from './lib/log.mjs';
import { reexecOnRuntime } from './lib/nodeRuntime.mjs';

const commands = {
  start: () => import('./commands/start.mjs'),
  stack: () => import('./commands/stack.mjs'),
  test: () => import('./commands/test.mjs'),
  'bench-startup': () => import('./commands/benchStartup.mjs'),
  'bench-provision': () => import('./commands/benchProvision.mjs'),
  'bench-chat': () => import('./commands/benchChat.mjs'),
  'bench-docs': () => import('./commands/benchDocs.mjs'),
  'bench-scale': () => import('./commands/benchScale.mjs'),
  sbom: () => import('./commands/sbom.mjs'),
  'compose-init': () => import('./commands/composeInit.mjs'),
  backup: () => import('./commands/backup.mjs'),
  restore: () => import('./commands/restore.mjs'),
};

const name = process.argv[2];
const load = commands[name];
if (!load) {
  log.error(`Unknown command "${name ?? ''}". Use one of: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}

try {
  // On a machine whose Node is older than the pinned LTS, everything runs under the pinned one.
  const reexecuted = await reexecOnRuntime(fileURLToPath(import.meta.url), process.argv.slice(2));
  if (reexecuted !== undefined) process.exit(reexecuted);
  const { default: command } = await load();
  const code = await command(process.argv.slice(3));
  process.exit(code ?? 0);
} catch (error) {
  if (error instanceof LauncherError) {
    log.error(error.message);
  } else {
    log.error(error?.stack ?? String(error));
  }
  const { stopAll } = await import('./lib/processes.mjs');
  await stopAll();
  process.exit(1);
}
