import fs from 'node:fs';
import path from 'node:path';
import { LauncherError, log } from '../lib/log.mjs';
import { prepare } from '../lib/prepare.mjs';
import { profile } from '../lib/profiles.mjs';
import { installSignalHandlers, stopAll } from '../lib/processes.mjs';
import { resetState } from '../lib/stack.mjs';
import { startTestStack } from '../lib/testStack.mjs';
import { machineLine, runBench, writeSection } from '../lib/benchmarks.mjs';

const ms = (v) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;

/** `--quick`: a small load to try the command, nothing written. */
function load(args) {
  const quick = args.includes('--quick');
  return {
    quick,
    env: {
      BENCH_SOCKETS: process.env.BENCH_SOCKETS ?? (quick ? '100' : '2000'),
      BENCH_EVENTS: process.env.BENCH_EVENTS ?? (quick ? '5' : '20'),
      BENCH_EDITORS: process.env.BENCH_EDITORS ?? (quick ? '20' : '200'),
      BENCH_DOCUMENTS: process.env.BENCH_DOCUMENTS ?? (quick ? '5' : '50'),
      BENCH_UPDATES: process.env.BENCH_UPDATES ?? (quick ? '20' : '200'),
      BENCH_MESSAGES: process.env.BENCH_MESSAGES ?? (quick ? '20' : '200'),
    },
  };
}

/**
 * npm run bench:scale [-- --quick]: the production topology (ADR 0038) on this machine, the same
 * bounded load with every client on one replica and then spread over two, through the same TLS
 * proxy, in one run (server/bench/scale.ts). The machine has two cores: this measures what being
 * distributed costs, not a speed-up.
 */
export default async function benchScale(args) {
  installSignalHandlers(stopAll);
  const { quick, env: extra } = load(args);
  const tools = await prepare();
  const p = profile('replicas');
  resetState(p);
  // The sockets and editors sign in from this machine's one address.
  process.env.SIGN_IN_RATE_LIMIT_PER_MINUTE ??= '1000';
  const { env } = await startTestStack(p, tools);
  const result = path.join(p.dir, 'scale.json');
  fs.rmSync(result, { force: true });
  log.step(
    `Load: ${extra.BENCH_SOCKETS} sockets, ${extra.BENCH_EDITORS} editors on ${extra.BENCH_DOCUMENTS} documents, ${extra.BENCH_MESSAGES} messages`,
  );
  const code = await runBench('server/bench/scale.ts', { ...process.env, ...env, ...extra, BENCH_RESULT: result });
  await stopAll();
  if (code !== 0 || !fs.existsSync(result))
    throw new LauncherError(`The scale benchmark failed (exit ${code}); nothing was written.`);
  const r = JSON.parse(fs.readFileSync(result, 'utf8'));
  const { one, two } = r.results;
  const rows = [
    ['Live update to every socket', 'live'],
    ['Co-editing update to every other editor', 'editing'],
    ['Chat message from sender to reader', 'chat'],
  ].map(([what, key]) => {
    const [a, b] = [one[key], two[key]];
    const cpu = (s) => `${((s.cpuUsed * 1000) / s.count).toFixed(2)} ms`;
    return `| ${what} | ${ms(a.p50)} / ${ms(a.p95)} | ${ms(b.p50)} / ${ms(b.p95)} | **${(b.p95 / a.p95).toFixed(2)}** | ${cpu(a)} | ${cpu(b)} |`;
  });
  const table = [
    '| Load | one replica p50 / p95 | two replicas p50 / p95 | p95 two ÷ one | CPU per delivery, update or message, one | … two |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  const loads = `The machine's mean load (1-minute average, sampled at each round's start and end) was ${one.load.toFixed(1)} during the one-replica rounds and ${two.load.toFixed(1)} during the two-replica rounds.`;
  log.plain(table);
  log.plain(loads);
  if (quick) return 0;
  writeSection(
    'scale',
    `## Several replicas (\`npm run bench:scale\`)

${new Date().toISOString().slice(0, 10)}, ${machineLine()}.

The production topology of ADR 0038 (Caddy with TLS, two replicas on PostgreSQL and Redis), the
same bounded load through the same proxy with every client and request on replica 1 ("one"), and
spread evenly over both ("two": a change made on one replica reaches half its listeners through
Redis). The two take turns in four rounds, one, two, two, one, each with half of the operations,
so that a steady drift in the machine's other load weighs on both alike. Live
updates: ${r.socketCount} sockets of one member, ${r.eventCount} room changes one after the other,
each timed from sending the change until a socket heard of it (${r.socketCount * r.eventCount} deliveries
for each of the two). Co-editing: ${r.editorCount} editors over ${r.documentCount} text documents, ${r.updateCount}
paragraphs written one after the other, each timed until every other editor of its document had
it. Chat: ${r.messageCount} encrypted-shaped messages of the room's owner, one after the other, each
timed from sending it through the proxy in front of Synapse until the member's long-polling sync
(through the proxy, on Synapse's sync worker) returned it; Synapse pushes each one to the
workspace's application service, which the internal proxy spreads over both replicas in either
run, so this row shows the chat path's cost with the replicas beside it rather than a difference
between the runs. CPU: both replicas' CPU time during the phase, per delivery, update or message.
The machine has two cores, shared by both replicas, the proxy, PostgreSQL, Redis, Synapse and the
clients: this measures the cost of being distributed, not a speed-up.

${table}

${loads}
`,
  );
  log.ok('docs/benchmarks.md: the scale section rewritten');
  return 0;
}
