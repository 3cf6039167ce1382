import fs from 'node:fs';
import path from 'node:path';
import { log } from '../lib/log.mjs';
import { prepare } from '../lib/prepare.mjs';
import { profile } from '../lib/profiles.mjs';
import { installSignalHandlers, startProcess, stopAll, waitFor } from '../lib/processes.mjs';
import { startStack } from '../lib/stack.mjs';
import { groupRssKiB, machineLine, rssKiB, writeSection } from '../lib/benchmarks.mjs';

const seconds = (ms) => (ms / 1000).toFixed(1);
const mib = (kib) => (kib / 1024).toFixed(1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function timedStart(p, tools) {
  const began = Date.now();
  const stack = await startStack(p, tools);
  return { ms: Date.now() - began, stack };
}

/** Idle memory of a bare Node HTTP server: the floor any Node backend starts from. */
async function baselineRss(port) {
  const proc = startProcess(
    'baseline',
    process.execPath,
    ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`],
    {
      cwd: process.cwd(),
      env: process.env,
      logFile: path.join(profile('bench').paths.logs, 'baseline.log'),
    },
  );
  await waitFor(`http://127.0.0.1:${port}/`, { proc, timeoutMs: 10_000, what: 'baseline server' });
  await fetch(`http://127.0.0.1:${port}/`);
  await sleep(10_000);
  const rss = rssKiB(proc.child.pid);
  await stopAll();
  return rss;
}

/**
 * npm run bench:startup: cold start (fresh state: Keycloak build and realm
 * import, new databases) and warm start (state kept) of the whole stack, and the
 * backend's idle RSS, against a bare Node HTTP server's idle RSS in the same run.
 */
export default async function benchStartup() {
  installSignalHandlers(stopAll);
  const tools = await prepare();
  const p = profile('bench');
  fs.rmSync(p.dir, { recursive: true, force: true });

  log.step('Cold start (fresh state)');
  const cold = await timedStart(p, tools);
  await stopAll();

  log.step('Warm start (state kept)');
  const warm = await timedStart(p, tools);
  await fetch(`${p.publicUrl}/readyz`);
  await sleep(10_000);
  const backendRss = rssKiB(warm.stack.backend.child.pid);
  const keycloakRss = groupRssKiB(warm.stack.keycloak.child.pid);
  const synapseRss = groupRssKiB(warm.stack.synapse.child.pid);
  await stopAll();

  log.step('Baseline: bare Node HTTP server');
  const baseRss = await baselineRss(p.ports.backend);

  const date = new Date().toISOString().slice(0, 10);
  writeSection(
    'startup',
    `
## Startup (\`npm run bench:startup\`)

${date} · ${machineLine()} · Keycloak on Java ${tools.java.major}

| Measure | Value | Baseline (same run) | Ratio |
|---|---|---|---|
| Cold start to \`/readyz\` green (fresh state, Keycloak build + realm import) | ${seconds(cold.ms)} s | warm start ${seconds(warm.ms)} s | ${(cold.ms / warm.ms).toFixed(2)} |
| Warm start to \`/readyz\` green (state kept) | ${seconds(warm.ms)} s | — | — |
| Backend idle RSS (10 s after ready) | ${mib(backendRss)} MiB | bare Node HTTP server ${mib(baseRss)} MiB | ${(backendRss / baseRss).toFixed(2)} |

Downloads and builds are cached before timing starts (they are not part of either start). The
warm start is the one a second \`npm start\` sees. For scale, at the same moment Keycloak held
${mib(keycloakRss)} MiB and Synapse ${mib(synapseRss)} MiB.
`,
  );
  log.ok(
    `Cold ${seconds(cold.ms)} s, warm ${seconds(warm.ms)} s, backend idle RSS ${mib(backendRss)} MiB (baseline ${mib(baseRss)} MiB) → docs/benchmarks.md`,
  );
  return 0;
}
