import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, versions } from './paths.mjs';
import { capture, runAsync } from './run.mjs';
import { LauncherError, log } from './log.mjs';
import { startProcess, waitFor } from './processes.mjs';

/** LiveKit's media server (Apache-2.0), built from the Go module proxy. */
const livekitModule = 'github.com/livekit/livekit-server/cmd/server';

/** Whether a profile runs a LiveKit server: the embedded stack and the test stack. */
export const hasLiveKit = (p) => p.ports.livekit !== undefined;

/**
 * LiveKit's server, built once into .cache (several minutes on two cores the first time; Go keeps
 * its module and build caches after). Returns the program's path.
 */
export async function ensureLiveKitServer({ quiet = false } = {}) {
  const dir = path.join(cacheDir, `livekit-server-${versions.livekit}`);
  const program = path.join(dir, 'livekit-server');
  if (fs.existsSync(program)) return program;
  if (capture('go', ['version']) === undefined) {
    throw new LauncherError('Go is needed to build the LiveKit server for meetings (go.dev; Go 1.26 or newer).');
  }
  if (!quiet) log.step(`Building the LiveKit server ${versions.livekit} from the Go module proxy (once)`);
  const partial = `${dir}.partial`;
  fs.mkdirSync(partial, { recursive: true });
  await runAsync('go', ['install', '-trimpath', `${livekitModule}@v${versions.livekit}`], {
    env: { ...process.env, GOBIN: partial },
    stdio: quiet ? 'ignore' : 'inherit',
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.renameSync(path.join(partial, 'server'), program);
  fs.rmSync(partial, { recursive: true, force: true });
  return program;
}

/** Where the backend receives LiveKit's signed webhooks. */
export const liveKitWebhookPath = '/api/meetings/livekit/webhook';

/** The LiveKit settings of a profile's backend (the generated key and secret stay in secrets.json). */
export const liveKitEnv = (p, secrets) => ({
  LIVEKIT_URL: p.livekitUrl,
  LIVEKIT_API_KEY: secrets.livekitApiKey,
  LIVEKIT_API_SECRET: secrets.livekitApiSecret,
});

/**
 * LiveKit's configuration for a profile: signalling and its API on loopback, media on 127.0.0.1 only
 * (a small UDP range, TCP as fallback), the generated key, webhooks to the profile's backend.
 * It holds the secret: mode 0600, in the profile's ignored state folder.
 */
export function liveKitConfig(p, secrets) {
  const { livekit, livekitTcp, livekitUdpFirst } = p.ports;
  return [
    `port: ${livekit}`,
    'bind_addresses:',
    '  - 127.0.0.1',
    'rtc:',
    `  tcp_port: ${livekitTcp}`,
    `  port_range_start: ${livekitUdpFirst}`,
    `  port_range_end: ${livekitUdpFirst + p.livekitUdpPorts - 1}`,
    '  use_external_ip: false',
    '  node_ip: 127.0.0.1',
    '  enable_loopback_candidate: true',
    '  ips:',
    '    includes:',
    '      - 127.0.0.1/32',
    'keys:',
    `  ${secrets.livekitApiKey}: ${secrets.livekitApiSecret}`,
    'webhook:',
    `  api_key: ${secrets.livekitApiKey}`,
    '  urls:',
    `    - ${p.publicUrl}${liveKitWebhookPath}`,
    'logging:',
    '  level: info',
    '',
  ].join('\n');
}

/** Starts the profile's LiveKit server and waits until it answers. */
export async function startLiveKit(p, secrets, program) {
  const config = path.join(p.dir, 'livekit.yaml');
  fs.mkdirSync(p.dir, { recursive: true });
  fs.writeFileSync(config, liveKitConfig(p, secrets), { mode: 0o600 });
  fs.chmodSync(config, 0o600);
  const proc = startProcess('livekit', program, ['--config', config], {
    cwd: p.dir,
    // The keys come from the file only, never from the command line or the environment.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? p.dir },
    logFile: path.join(p.paths.logs, 'livekit.log'),
  });
  await waitFor(`http://127.0.0.1:${p.ports.livekit}/`, { proc, timeoutMs: 60_000, what: 'LiveKit' });
  log.ok('LiveKit ready');
  return proc;
}
