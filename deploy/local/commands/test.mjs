import path from 'node:path';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { root } from '../lib/paths.mjs';
import { LauncherError, log } from '../lib/log.mjs';
import { run } from '../lib/run.mjs';
import { prepare } from '../lib/prepare.mjs';
import { profile } from '../lib/profiles.mjs';
import { ensureDebianPackages } from '../lib/prerequisites.mjs';
import { installSignalHandlers } from '../lib/processes.mjs';
import { resetState, startStack, stopAll, testEnv } from '../lib/stack.mjs';
import { startTestStack } from '../lib/testStack.mjs';
import { ensureDeployTools } from '../lib/deployTools.mjs';
import { backupProfile, restoreProfile } from '../lib/backup.mjs';
import { apiContract } from '../lib/apiContract.mjs';

/**
 * The test projects (vitest.config.ts) of the main run. The restore drill and the production
 * topology run on their own after it (`separateProjects`). Named one by one: vitest joins several
 * `--project=!name` filters with "or", which would select every project.
 */
export const mainProjects = ['unit', 'integration', 'browser'];
export const separateProjects = ['drill', 'replicas'];

/** "N passed, N failed[, N skipped]": the form CI reads a run's closing line in. */
export function countLine({ passed, failed, skipped = 0 }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

/**
 * The closing line of a full run: every test of every vitest run (main, drill, topology) added up;
 * the API contract counts as one test per caller, failed when that caller's run found a failure or
 * did not finish. A part that exited non-zero without a failed test counts as one failed test, so the
 * line never says "0 failed" for a red run.
 */
export function closingLine(results) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results.filter(Boolean)) {
    total.passed += r.passed ?? 0;
    total.skipped += r.skipped ?? 0;
    total.failed += r.failed ?? 0;
    if (r.code !== 0 && !r.failed) total.failed += 1;
  }
  return `all: ${countLine(total)}`;
}

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
      if (!fs.existsSync(summary)) {
        resolve({ code: code ?? 1, line: 'vitest: no result file was written', passed: 0, failed: 1, skipped: 0 });
        return;
      }
      const r = JSON.parse(fs.readFileSync(summary, 'utf8'));
      const counts = {
        passed: r.numPassedTests,
        failed: r.numFailedTests,
        skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
      };
      resolve({ code: code ?? 1, line: `vitest: ${countLine(counts)}`, ...counts });
    });
  });
}

/**
 * The restore drill (ADR 0035) on the test stack, after the other tests: make
 * a tenant, a room with messages and a document; stop the stack; back it up;
 * wipe every store; restore; start again; check that all of it came back.
 */
async function restoreDrill(p, tools, env) {
  const record = path.join(p.dir, 'drill.json');
  const drillEnv = { ...env, DRILL_RECORD: record };
  log.step('Restore drill: making the state to back up');
  const seeded = await vitest(p, drillEnv, ['--project=drill', 'restoreDrill.seed']);
  if (seeded.code !== 0) return seeded;
  await stopAll();
  const backupDir = path.join(p.dir, 'drill-backup');
  fs.rmSync(backupDir, { recursive: true, force: true });
  const manifest = backupProfile(p, backupDir);
  resetState(p);
  fs.rmSync(path.join(p.dir, 'secrets.json'));
  if (fs.existsSync(p.paths.database) || fs.existsSync(p.paths.synapseData)) {
    throw new LauncherError('The restore drill could not wipe the stack');
  }
  restoreProfile(p, backupDir);
  const files = manifest.parts.reduce((n, part) => n + part.files.length, 0);
  log.ok(`Restore drill: ${files} files backed up, every store wiped and restored; starting again`);
  const { secrets } = await startStack(p, tools);
  log.step('Restore drill: checking what came back');
  const verified = await vitest(p, { ...drillEnv, ...testEnv(p, secrets) }, ['--project=drill', 'restoreDrill.verify']);
  const counts = {
    passed: seeded.passed + verified.passed,
    failed: seeded.failed + verified.failed,
    skipped: seeded.skipped + verified.skipped,
  };
  return { ...verified, ...counts, line: `vitest: ${countLine(counts)}` };
}

/**
 * npm test: installs what is missing, checks types and lint, starts a fresh
 * real stack (Keycloak, Synapse, backend) on the test ports, runs every test
 * project against it, then the API contract test (Schemathesis, ADR 0037),
 * then the restore drill, and stops the stack; then the production topology
 * (ADR 0038) on a stack of its own.
 */
export default async function test(args) {
  installSignalHandlers(stopAll);
  ensureDebianPackages([
    { command: 'chromium', pkg: 'chromium' },
    // The conversion tests read PDFs' text with pdftotext.
    { command: 'pdftotext', pkg: 'poppler-utils' },
  ]);
  const tools = await prepare();
  // helm, Caddy, promtool and the checkers for the deployment tests build while the stack starts.
  const deployTools = ensureDeployTools({ quiet: true });
  deployTools.catch(() => {});

  log.step('Type-checking and linting');
  run('npm', ['run', '--silent', 'typecheck'], { cwd: root });
  run('npm', ['run', '--silent', 'lint'], { cwd: root });

  const p = profile('test');
  resetState(p);
  const { env } = await startTestStack(p, tools);
  await deployTools;
  log.step('Running tests');
  // The drill stops and restarts the stack, and the topology test needs a stack of its own: both
  // run after the others, and only in a full run.
  const full = args.length === 0;
  const result = await vitest(p, env, full ? mainProjects.map((name) => `--project=${name}`) : args);
  // The contract test writes to the demo tenant: after the other tests, before the drill stops the stack.
  const contract = full ? await apiContract(p, env) : undefined;
  const drill = full ? await restoreDrill(p, tools, env) : undefined;
  await stopAll();
  const topology = full ? await replicasTopology(tools) : undefined;
  log.plain(result.line);
  if (contract) log.plain(contract.line);
  if (drill) log.plain(`restore drill: ${drill.line}`);
  if (topology) log.plain(`replicas: ${topology.line}`);
  log.plain(closingLine([result, contract, drill, topology]));
  return result.code || (contract?.code ?? 0) || (drill?.code ?? 0) || (topology?.code ?? 0);
}

/**
 * The production topology (ADR 0038) on this machine: two replicas behind the TLS proxy on
 * PostgreSQL, Redis and s3proxy, with Keycloak and Synapse of their own; its test kills and
 * restarts replicas.
 */
async function replicasTopology(tools) {
  const p = profile('replicas');
  resetState(p);
  log.step('Starting the production topology: two replicas behind the TLS proxy');
  const { env } = await startTestStack(p, tools);
  const result = await vitest(p, env, ['--project=replicas']);
  await stopAll();
  return result;
}
