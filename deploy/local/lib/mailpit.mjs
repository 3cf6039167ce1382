import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, versions } from './paths.mjs';
import { LauncherError, log } from './log.mjs';
import { capture, runAsync } from './run.mjs';
import { startProcess, waitFor } from './processes.mjs';

/**
 * Mailpit, the embedded and test stacks' mail server (ADR 0041): an SMTP server that keeps every
 * message and shows it in a web page and a REST API. Built once from the Go module proxy into
 * .cache/mailpit-<version>/ (a few minutes the first time); returns the program's path.
 */
export async function ensureMailpit({ quiet = false } = {}) {
  const version = versions.mailpit;
  const dir = path.join(cacheDir, `mailpit-${version}`);
  const binary = path.join(dir, 'mailpit');
  if (fs.existsSync(binary)) return binary;
  if (capture('go', ['version']) === undefined) {
    throw new LauncherError('Go is needed to build Mailpit, the local mail server (go.dev; Go 1.26 or newer).');
  }
  if (!quiet) log.step(`Building Mailpit ${version} from the Go module proxy`);
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  await runAsync('go', ['install', `github.com/axllent/mailpit@v${version}`], {
    cwd: cacheDir,
    env: { ...process.env, GOBIN: partial },
    stdio: quiet ? 'ignore' : 'inherit',
  });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return binary;
}

/** The addresses of a profile's Mailpit: SMTP for the backend and Keycloak, HTTP for people and tests. */
export const mailpitAddresses = (p) => ({
  // The production topology's replicas reach it from their own hosts, on the network's gateway (ADR 0043).
  smtpHost: p.listenAddress,
  smtpPort: p.ports.smtp,
  url: `http://${p.listenAddress}:${p.ports.mailpit}`,
});

/**
 * Starts Mailpit on loopback with the profile's ports. It keeps its messages in the profile's state
 * folder (the newest 5000), accepts every sender and recipient and delivers nothing further.
 */
export async function startMailpit(p, binary) {
  const { smtpHost, smtpPort, url } = mailpitAddresses(p);
  fs.mkdirSync(p.dir, { recursive: true });
  const proc = startProcess(
    'mailpit',
    binary,
    [
      '--smtp',
      `${smtpHost}:${smtpPort}`,
      '--listen',
      `${p.listenAddress}:${p.ports.mailpit}`,
      '--database',
      p.paths.mail,
      '--max',
      '5000',
      '--disable-version-check',
    ],
    { cwd: p.dir, env: process.env, logFile: path.join(p.paths.logs, 'mailpit.log') },
  );
  await waitFor(`${url}/readyz`, { proc, timeoutMs: 60_000, what: 'Mailpit' });
  log.ok(`Mailpit ready: messages at ${url}`);
  return proc;
}
