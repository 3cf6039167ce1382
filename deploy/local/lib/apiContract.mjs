import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './paths.mjs';
import { log } from './log.mjs';
import { ensureSchemathesisVenv } from './install.mjs';
import { findPython } from './prerequisites.mjs';

/**
 * Operations the contract test leaves out (ADR 0037): each would change who the caller is, or
 * take away the room the runs work in, for the rest of the runs, which would then test little
 * but refusals. Schemathesis reuses ids it saw in responses, so callers do reach their own.
 */
const excluded = {
  archiveTenant: 'archives the demo tenant and deactivates all its people, ending their sessions',
  deactivatePerson: 'the tenant admin may deactivate itself, which ends its session',
  changeRole: 'the tenant admin may make itself a guest',
  archiveRoom: 'archives the runs’ room: every later write in it is refused',
  removeRoomMember: 'the member and the guest may leave the runs’ room',
  // Called by the video system, not by people: the test stack's meetings run on Jitsi, so it answers
  // 503 whatever it is sent, which Schemathesis counts as a server error. Its signature checks are
  // tested in liveKitWebhooks.test.ts and liveKitMeetings.test.ts (ADR 0040).
  receiveLiveKitWebhook: 'LiveKit’s webhook: no LiveKit server behind the test stack’s backend (503 by design)',
};

/** The callers, one run each: the tenant admin last, whose writes change most of what the others would meet. */
const order = ['guest', 'member', 'tenant-admin'];

function spawned(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', (error) => {
      log.error(`${cmd} could not be started: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * The API contract test: Schemathesis against the running stack's /api/openapi.json, once as
 * each of a guest, a member and a tenant admin of the demo tenant, in a room of its own. Fails
 * on a server error, an undocumented status or Content-Type, or a body its schema does not fit.
 */
export async function apiContract(p, env) {
  const venv = await ensureSchemathesisVenv(findPython());
  const dir = path.join(p.dir, 'api-contract');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const callersFile = path.join(dir, 'callers.json');
  log.step('API contract: signing in a guest, a member and a tenant admin of the demo tenant');
  const signedIn = await spawned(
    process.execPath,
    ['--conditions=@arbeitsbereich/source', '--import', 'tsx', 'server/test/contract/identities.ts', callersFile],
    { env: { ...process.env, ...env } },
  );
  if (signedIn !== 0) {
    return { code: 1, line: 'schemathesis: the callers could not sign in', passed: 0, failed: order.length };
  }
  const { tenantId, roomId, identities } = JSON.parse(fs.readFileSync(callersFile, 'utf8'));
  const totals = { operations: 0, cases: 0, failures: 0, errors: 0 };
  // One test per caller for the closing line: passed when its run exited 0 with a report.
  const callers = { passed: 0, failed: 0 };
  let code = 0;
  for (const identity of order.map((role) => identities.find((i) => i.role === role))) {
    log.step(`API contract as the ${identity.role} (${identity.username})`);
    const report = path.join(dir, `${identity.role}.json`);
    // Schemathesis closes its output the way pytest does ("== 4 warnings in 22s =="), which reads as
    // a test run that ran nothing; its output goes to a log, shown here only when the run fails.
    const logFile = path.join(dir, `${identity.role}.log`);
    const out = fs.openSync(logFile, 'w');
    const exit = await spawned(
      path.join(venv, 'bin/schemathesis'),
      [
        '--no-color',
        '--config-file',
        path.join(root, 'deploy/schemathesis/schemathesis.toml'),
        'run',
        `${env.WORKSPACE_URL}/api/openapi.json`,
        ...Object.keys(excluded).flatMap((id) => ['--exclude-operation-id', id]),
        '--report',
        'json',
        '--report-json-path',
        report,
      ],
      {
        cwd: dir,
        stdio: ['ignore', out, out],
        env: {
          ...process.env,
          API_CONTRACT_COOKIE: identity.cookie,
          API_CONTRACT_CSRF_TOKEN: identity.csrfToken,
          API_CONTRACT_ORIGIN: identity.origin,
          API_CONTRACT_TENANT_ID: tenantId,
          API_CONTRACT_ROOM_ID: roomId,
        },
      },
    );
    fs.closeSync(out);
    code ||= exit;
    if (exit !== 0) process.stdout.write(fs.readFileSync(logFile, 'utf8'));
    else log.ok(`API contract as the ${identity.role}: passed (output in ${path.relative(root, logFile)})`);
    if (!fs.existsSync(report)) {
      totals.errors += 1;
      callers.failed += 1;
      code ||= 1;
      continue;
    }
    callers[exit === 0 ? 'passed' : 'failed'] += 1;
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.operations += r.operations.tested;
    totals.cases += r.test_cases.generated;
    totals.failures += r.failures.reduce((n, f) => n + f.count, 0);
    totals.errors += r.errors.reduce((n, e) => n + e.count, 0);
  }
  const errors = totals.errors ? `, ${totals.errors} errors` : '';
  return {
    code,
    ...callers,
    line: `schemathesis: ${order.length} callers, ${totals.operations} operations tested, ${totals.cases} test cases, ${totals.failures} failures${errors}`,
  };
}
