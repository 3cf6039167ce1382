import fs from 'node:fs';
import path from 'node:path';
import { ensureDebianPackages } from './prerequisites.mjs';
import { startProcess, waitForPort } from './processes.mjs';

/** Whether a profile runs a malware scanner (the embedded and test stacks; ADR 0055). */
export const hasClamd = (p) => p.ports.clamd !== undefined;

/** Where the backend reaches the profile's clamd. */
export const clamdUrl = (p) => `tcp://127.0.0.1:${p.ports.clamd}`;

/**
 * The body of the EICAR test file (without its last characters), hex-encoded so that no file of the
 * workspace is itself taken for the test file: every scanner detects it, and it harms nothing.
 */
const eicarHex =
  '58354f2150254041505b345c505a58353428505e2937434329377d24454943415' +
  '22d5354414e444152442d414e544956495255532d544553542d46494c4521';

/**
 * ClamAV's daemon (Debian's clamav-daemon) on the profile's port, loopback only. Its signatures
 * are one local file that detects the EICAR test file: the official signatures come from
 * ClamAV's mirrors (freshclam), which a machine without the internet cannot reach, and a
 * production deployment keeps them current as usual (docs/operations/malware-scanning.md).
 */
export async function startClamd(p) {
  ensureDebianPackages([{ command: 'clamd', pkg: 'clamav-daemon' }]);
  const dir = path.join(p.dir, 'clamav');
  const signatures = path.join(dir, 'signatures');
  fs.mkdirSync(signatures, { recursive: true });
  fs.writeFileSync(path.join(signatures, 'workspace-test.ndb'), `Eicar-Test-Signature:0:*:${eicarHex}\n`);
  const config = path.join(dir, 'clamd.conf');
  fs.writeFileSync(
    config,
    [
      'Foreground yes',
      `DatabaseDirectory ${signatures}`,
      `TCPSocket ${p.ports.clamd}`,
      'TCPAddr 127.0.0.1',
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      // As large as the largest upload the stack allows, archives unpacked within limits.
      'StreamMaxLength 512M',
      'MaxFileSize 512M',
      'MaxScanSize 1024M',
      'SelfCheck 0',
      '',
    ].join('\n'),
  );
  const proc = startProcess('clamd', 'clamd', ['--config-file', config], {
    cwd: dir,
    env: process.env,
    logFile: path.join(p.paths.logs, 'clamd.log'),
  });
  await waitForPort(p.ports.clamd, proc, 60_000, 'ClamAV (clamd)');
  return { proc, url: clamdUrl(p) };
}
