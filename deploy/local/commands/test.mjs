import path from 'node:path';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { root } from '../lib/paths.mjs';
import { log } from '../lib/log.mjs';
import { run } from '../lib/run.mjs';
import { prepare } from '../lib/prepare.mjs';
import { profile } from '../lib/profiles.mjs';
import { ensureDebianPackages } from '../lib/prerequisites.mjs';
import { assertPortsFree, installSignalHandlers } from '../lib/processes.mjs';
import { startPostgres } from '../lib/postgres.mjs';
import { resetState, startStack, stopAll, testEnv } from '../lib/stack.mjs';
import { ensureDeployTools } from '../lib/deployTools.mjs';

function vitest(p, env, extraArgs) {
  const summary = path.join(p.dir, 'results.json');
  fs.mkdirSync(path.dirname(summary), { recursive: true });
  fs.rmSync(summary, { force: true });
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${summary}`,
        ...extraArgs,
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
    );
    child.on('exit', (code) => {
      let line = 'vitest: no result file was written';
      if (fs.existsSync(summary)) {
        const r = JSON.parse(fs.readFileSync(summary, 'utf8'));
        const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
        line = `vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
      }
      resolve({ code: code ?? 1, line });
    });
  });
}

/**
 * npm test: installs what is missing, checks types and lint, starts a fresh
 * real stack (Keycloak, Synapse, backend) on the test ports, runs every test
 * project against it, and stops the stack.
 */
export default async function test(args) {
  installSignalHandlers(stopAll);
  ensureDebianPackages([
    { command: 'chromium', pkg: 'chromium' },
    // The conversion tests read PDFs' text with pdftotext.
    { command: 'pdftotext', pkg: 'poppler-utils' },
  ]);
  const tools = await prepare();
  // helm, Caddy and the checkers for the deployment tests build while the stack starts.
  const deployTools = ensureDeployTools({ quiet: true });
  deployTools.catch(() => {});

  log.step('Type-checking and linting');
  run('npm', ['run', '--silent', 'typecheck'], { cwd: root });
  run('npm', ['run', '--silent', 'lint'], { cwd: root });

  const p = profile('test');
  resetState(p);
  await assertPortsFree([{ port: p.ports.postgres, what: 'PostgreSQL for tests' }]);
  const postgres = await startPostgres(p);
  const { secrets } = await startStack(p, tools);
  await deployTools;
  log.step('Running tests');
  const result = await vitest(p, { ...testEnv(p, secrets), TEST_POSTGRES_URL: postgres.url }, args);
  await stopAll();
  log.plain(result.line);
  return result.code;
}
