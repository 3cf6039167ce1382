import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from '../lib/paths.mjs';
import { LauncherError, log } from '../lib/log.mjs';
import { prepare } from '../lib/prepare.mjs';
import { profile } from '../lib/profiles.mjs';
import { assertPortsFree, installSignalHandlers, startProcess, stopAll, waitFor } from '../lib/processes.mjs';
import { startStack, testEnv } from '../lib/stack.mjs';
import { machineLine, writeSection, runBench } from '../lib/benchmarks.mjs';

const ratio = (a, b) => (a / b).toFixed(2);
const ms = (v) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms` : '—');
const mean = (a, b) => (a + b) / 2;

/**
 * `--editors 50 --updates 500 --warmup 20` (or BENCH_EDITORS, BENCH_UPDATES, BENCH_WARMUP_UPDATES)
 * → environment of the bench programs; `--quick`: 10 editors, 30 updates, nothing written.
 */
function options(args) {
  const value = (name) => {
    const i = args.indexOf(`--${name}`);
    const raw = i >= 0 ? args[i + 1] : undefined;
    if (raw !== undefined && !/^\d+$/.test(raw)) throw new LauncherError(`--${name} needs a whole number`);
    return raw;
  };
  const quick = args.includes('--quick');
  const editors = value('editors') ?? process.env.BENCH_EDITORS ?? (quick ? '10' : '50');
  if (Number(editors) < 2)
    throw new LauncherError('--editors needs at least 2: an update needs a sender and a receiver');
  return {
    quick,
    env: {
      BENCH_EDITORS: editors,
      BENCH_UPDATES: value('updates') ?? process.env.BENCH_UPDATES ?? (quick ? '30' : '500'),
      BENCH_WARMUP_UPDATES: value('warmup') ?? process.env.BENCH_WARMUP_UPDATES ?? (quick ? '5' : '20'),
      BENCH_IDLE_MS: process.env.BENCH_IDLE_MS ?? (quick ? '3000' : '15000'),
    },
  };
}

/**
 * npm run bench:docs [-- --editors N --updates K --warmup W | --quick]: on a fresh bench stack,
 * N people signed in through Keycloak edit one text document of a room together through the
 * backend's collaboration server (session, policy, storage), and N editors do the same on a bare
 * Hocuspocus server of the same package started beside it, before and after the product: K
 * updates one at a time, the time until every other editor has each, and each server process's
 * CPU time and memory. All in the same run.
 */
export default async function benchDocs(args) {
  installSignalHandlers(stopAll);
  const began = Date.now();
  const { quick, env: extra } = options(args);
  const tools = await prepare();
  const p = profile('bench');
  fs.rmSync(p.dir, { recursive: true, force: true });
  // Every editor signs in from this machine's one address: the per-address limit would make them queue.
  process.env.SIGN_IN_RATE_LIMIT_PER_MINUTE ??= '1000';
  const { secrets, backend } = await startStack(p, tools);

  const baselinePort = p.ports.backend + 1;
  await assertPortsFree([{ port: baselinePort, what: 'bare Hocuspocus server' }]);
  const baseline = startProcess(
    'collab-baseline',
    process.execPath,
    [path.join(root, 'server/bench/collabBaseline.mjs'), String(baselinePort)],
    { cwd: root, env: process.env, logFile: path.join(p.paths.logs, 'collab-baseline.log') },
  );
  await waitFor(`http://127.0.0.1:${baselinePort}/`, { proc: baseline, timeoutMs: 20_000, what: 'bare Hocuspocus' });

  const env = { ...process.env, ...testEnv(p, secrets), ...extra, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };
  log.step(`Editors: ${extra.BENCH_EDITORS} people signed in, a room and its text document`);
  const editors = path.join(p.dir, 'docs-editors.json');
  const editorsCode = await runBench('server/bench/docs.ts', { ...env, BENCH_RESULT: editors });
  if (editorsCode !== 0 || !fs.existsSync(editors)) {
    await stopAll();
    throw new LauncherError(
      `The editors of the documents benchmark were not made (exit ${editorsCode}); nothing was written.`,
    );
  }

  log.step(`Update latency: ${extra.BENCH_UPDATES} updates per phase; bare Hocuspocus, product, bare Hocuspocus`);
  const latency = path.join(p.dir, 'docs-latency-result.json');
  const latencyCode = await runBench('client/bench/docsLatency.ts', {
    ...env,
    BENCH_DOCS_INPUT: editors,
    BENCH_DOCS_RESULT: latency,
    BENCH_BACKEND_PID: String(backend.child.pid),
    BENCH_BASELINE_PID: String(baseline.child.pid),
    BENCH_BASELINE_URL: `ws://127.0.0.1:${baselinePort}`,
  });
  await stopAll();
  if (latencyCode !== 0 || !fs.existsSync(latency)) {
    throw new LauncherError(`The documents benchmark failed (exit ${latencyCode}); nothing was written.`);
  }

  const r = { ...JSON.parse(fs.readFileSync(latency, 'utf8')), totalMs: Date.now() - began };
  const base = meanBaseline(r);
  const summary =
    `all others p50 product ${ms(r.product.all.p50)}, bare ${ms(base.all.p50)} (×${ratio(r.product.all.p50, base.all.p50)}), ` +
    `p95 ${ms(r.product.all.p95)}, bare ${ms(base.all.p95)} (×${ratio(r.product.all.p95, base.all.p95)}); ` +
    `server CPU ×${ratio(r.product.cpuSeconds, base.cpuSeconds)}`;
  if (quick) {
    log.ok(`Quick run (${r.editors} editors, ${r.updates} updates): ${summary}; docs/benchmarks.md left as it was`);
    return 0;
  }
  writeDocsSection(r);
  log.ok(`${summary} → docs/benchmarks.md`);
  return 0;
}

/** The mean of the bare server's two phases (before and after the product). */
function meanBaseline(r) {
  const a = r.baseline;
  const b = r.baselineAfter;
  const stats = (x, y) => ({ p50: mean(x.p50, y.p50), p95: mean(x.p95, y.p95), max: mean(x.max, y.max) });
  return {
    all: stats(a.all, b.all),
    single: stats(a.single, b.single),
    cpuSeconds: mean(a.cpuSeconds, b.cpuSeconds),
    idleCpuPerSecond: mean(a.idleCpuPerSecond, b.idleCpuPerSecond),
    netCpuMsPerUpdate: mean(a.netCpuMsPerUpdate, b.netCpuMsPerUpdate),
    rssStartMiB: mean(a.rssStartMiB, b.rssStartMiB),
    rssPeakMiB: mean(a.rssPeakMiB, b.rssPeakMiB),
    wallMs: mean(a.wallMs, b.wallMs),
  };
}

/** The section of docs/benchmarks.md for the figures `r` of the bench programs. */
export function writeDocsSection(r) {
  const date = new Date().toISOString().slice(0, 10);
  const base = meanBaseline(r);
  const perUpdate = (seconds) => `${((seconds * 1000) / r.updates).toFixed(1)} ms`;
  const growth = (s) => s.rssPeakMiB - s.rssStartMiB;
  const row = (what, s) =>
    `| ${what} | ${ms(s.all.p50)} | ${ms(s.all.p95)} | ${ms(s.single.p50)} | ${ms(s.single.p95)} | ${s.cpuSeconds.toFixed(2)} s (${perUpdate(s.cpuSeconds)}) | ${(s.idleCpuPerSecond * 1000).toFixed(0)} ms/s | ${s.rssStartMiB.toFixed(0)} → ${s.rssPeakMiB.toFixed(0)} MiB | ${s.connectMs} ms | ${s.load} |`;
  const ratios = [
    ['update reaches all other editors, p50', r.product.all.p50, base.all.p50],
    ['update reaches all other editors, p95', r.product.all.p95, base.all.p95],
    ['single delivery, p50', r.product.single.p50, base.single.p50],
    ['single delivery, p95', r.product.single.p95, base.single.p95],
    ['server CPU time', r.product.cpuSeconds, base.cpuSeconds],
    ['server CPU per update, net of the idle pace', r.product.netCpuMsPerUpdate, base.netCpuMsPerUpdate],
    ['server peak RSS', r.product.rssPeakMiB, base.rssPeakMiB],
  ];
  const worst = Math.max(r.product.all.p50 / base.all.p50, r.product.all.p95 / base.all.p95);
  const cores = os.cpus().length;
  const highest = Math.max(r.baseline.load, r.product.load, r.baselineAfter.load);
  const busy =
    highest > cores
      ? `The machine was busy with other work during this run (mean load up to ${highest} on ${cores} cores): the
absolute times are high and uneven, and only the ratios within the run say how the product compares. `
      : '';
  writeSection(
    'docs',
    `
## Shared documents (\`npm run bench:docs\`)

${date} · ${machineLine()} · @hocuspocus/server ${hocuspocusVersion()} for both · ${r.editors} editors on one document · ${r.updates} updates per phase, one at a time

| Measure (${r.editors} editors, ${r.updates} updates each) | All others have it: p50 | p95 | Single delivery: p50 | p95 | Server CPU (per update) | Idle CPU² | Server RSS: start → peak | All editors connected | Machine load¹ |
|---|---|---|---|---|---|---|---|---|---|
${row("**Product**: the backend's collaboration server (`/collab`); each editor with a person's session cookie and the workspace's Origin, the policy's `document.write`, the document stored in the database", r.product)}
${row('Baseline before the product: a bare Hocuspocus server (same package, no extensions: no authentication, no storage), its own process', r.baseline)}
${row('Baseline after the product: the same, on a new document', r.baselineAfter)}

| Product ÷ bare (mean of before and after) | Ratio |
|---|---|
${ratios.map(([what, a, b]) => `| ${what} | ${ratio(a, b)} |`).join('\n')}

**An update reached all ${r.editors - 1} other editors in ${ms(r.product.all.p50)} at the median and ${ms(r.product.all.p95)} at p95 on the product, ${ratio(r.product.all.p50, base.all.p50)}× and ${ratio(r.product.all.p95, base.all.p95)}× the bare server.** ${
      worst <= 1.1
        ? 'Authorization and storage add no delay beyond the noise here: neither ratio is above 1.1.'
        : worst <= 1.2
          ? 'The product is within 1.2× of the bare server.'
          : 'The product is above the 1.2× aim.'
    } The backend process used ${perUpdate(r.product.cpuSeconds)} of CPU per update against the bare
server's ${perUpdate(base.cpuSeconds)}. That includes what the backend does anyway: with every editor connected and
nobody typing it used ${(r.product.idleCpuPerSecond * 1000).toFixed(0)} ms of CPU per second (the outbox worker's and the identity
watcher's polls, the collaboration server's re-check of each connection's session and access every
15 s), the bare server ${(base.idleCpuPerSecond * 1000).toFixed(0)} ms. Without that pace over the updates' time, an update cost the
product ${r.product.netCpuMsPerUpdate.toFixed(2)} ms of CPU and the bare server ${base.netCpuMsPerUpdate.toFixed(2)} ms (×${ratio(r.product.netCpuMsPerUpdate, base.netCpuMsPerUpdate)}). The product's memory
is the whole backend's (Express, socket.io, the adapters); it grew by ${growth(r.product).toFixed(0)} MiB during the updates,
the bare server by ${growth(base).toFixed(0)} MiB.

How it ran: every editor is a \`HocuspocusProvider\` (\`@hocuspocus/provider\` ${providerVersion()}, Yjs, the \`ws\` package) with
its own document and socket, all in one Node process on the same machine as the servers; the
product's editors are ${r.editors} people of a room (one tenant admin, the others imported and
provisioned through Keycloak and Synapse), each signed in through Keycloak's login form. Editor
\`i mod ${r.editors}\` appends a paragraph holding the update's number and a timestamp to the
fragment the product's editor uses (\`default\`); the next update goes once all others have it.
"All others have it" is the time from the change until the last of the other editors applied it;
a single delivery is each other editor's time (${r.editors - 1} per update). ${r.warmup} updates warmed each phase up
(not counted), and every editor held all paragraphs at the end. CPU is the server process's
utime + stime from \`/proc\` over the counted updates, RSS sampled every 100 ms. After its editors
left, the product's document was opened again and held all ${r.reopened} paragraphs. The sign-in limit per
address was raised for the run (all editors sign in from one address). Order: bare, product,
bare. ${busy}The whole run, with the start of a fresh stack, took ${Math.round(r.totalMs / 60_000)} minutes.

¹ The mean of the 1-minute load average during the phase. Other programs shared the machine's two
cores, so single times move between runs by tens of percent; compare the ratios of one run.
² CPU of the server process per second over ${r.idleMs / 1000} s with every editor connected and nobody typing,
measured 3 s after the last update (after the store that follows it).
`,
  );
}

const installedVersion = (name) =>
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const hocuspocusVersion = () => installedVersion('@hocuspocus/server');
const providerVersion = () => installedVersion('@hocuspocus/provider');
