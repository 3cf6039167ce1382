import fs from 'node:fs';
import path from 'node:path';
import { versions } from '../lib/paths.mjs';
import { LauncherError, log } from '../lib/log.mjs';
import { prepare } from '../lib/prepare.mjs';
import { profile } from '../lib/profiles.mjs';
import { installSignalHandlers, stopAll } from '../lib/processes.mjs';
import { backendEnv, startStack } from '../lib/stack.mjs';
import { machineLine, writeSection, runBench } from '../lib/benchmarks.mjs';

const seconds = (ms) => (ms / 1000).toFixed(1);
const perSecond = (rooms, ms) => (rooms / (ms / 1000)).toFixed(2);
const ratio = (a, b) => (a / b).toFixed(2);
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '—');

/**
 * `--rooms 20 --members 5 --messages 50 --concurrency 4` (or BENCH_ROOMS, BENCH_MEMBERS,
 * BENCH_MESSAGES, OUTBOX_CONCURRENCY) → environment of the bench programs.
 */
function options(args) {
  const value = (name) => {
    const i = args.indexOf(`--${name}`);
    const raw = i >= 0 ? args[i + 1] : undefined;
    if (raw !== undefined && !/^\d+$/.test(raw)) throw new LauncherError(`--${name} needs a whole number`);
    return raw;
  };
  const members = value('members') ?? process.env.BENCH_MEMBERS ?? '20';
  if (Number(members) < 2)
    throw new LauncherError('--members needs at least 2: the latency needs a sender and a receiver');
  const concurrency = value('concurrency') ?? process.env.OUTBOX_CONCURRENCY;
  return {
    BENCH_ROOMS: value('rooms') ?? process.env.BENCH_ROOMS ?? '100',
    BENCH_MEMBERS: members,
    BENCH_MESSAGES: value('messages') ?? process.env.BENCH_MESSAGES ?? '200',
    ...(concurrency ? { OUTBOX_CONCURRENCY: concurrency } : {}),
  };
}

/**
 * npm run bench:chat [-- --rooms N --members M --messages K --concurrency C]: on a fresh bench
 * stack, the product makes N rooms of M members (room commands, outbox, worker with the real
 * Matrix adapter) against the bare Matrix calls for as many rooms; then two people exchange K
 * messages through the product's chat module and as bare HTTP calls, one at a time, and the time
 * until the other side has each message is compared. All in the same run.
 */
export default async function benchChat(args) {
  installSignalHandlers(stopAll);
  const began = Date.now();
  const extra = options(args);
  const tools = await prepare();
  const p = profile('bench');
  fs.rmSync(p.dir, { recursive: true, force: true });
  const { secrets, keycloak, synapse } = await startStack(p, tools);
  const env = {
    ...process.env,
    ...backendEnv(p, secrets),
    // The benchmark scripts' own application service (appservice-harness.yaml.tmpl).
    MATRIX_HARNESS_AS_TOKEN: secrets.harnessAsToken,
    ...extra,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    BENCH_KEYCLOAK_PGID: String(keycloak.child.pid),
    BENCH_SYNAPSE_PGID: String(synapse.child.pid),
  };

  log.step(`Rooms: ${extra.BENCH_ROOMS} × ${extra.BENCH_MEMBERS} members, product and bare calls`);
  const rooms = path.join(p.dir, 'chat-rooms-result.json');
  const roomsCode = await runBench('server/bench/chat.ts', {
    ...env,
    BENCH_DATABASE: path.join(p.dir, 'bench-chat.sqlite'),
    BENCH_LOG: path.join(p.paths.logs, 'bench-chat.log'),
    BENCH_RESULT: rooms,
  });
  if (roomsCode !== 0 || !fs.existsSync(rooms)) {
    await stopAll();
    throw new LauncherError(`The room part of the chat benchmark failed (exit ${roomsCode}); nothing was written.`);
  }

  log.step(`Message latency: ${extra.BENCH_MESSAGES} messages, product and bare calls`);
  const latency = path.join(p.dir, 'chat-latency-result.json');
  const latencyCode = await runBench('client/bench/chatLatency.ts', {
    ...env,
    BENCH_CHAT_INPUT: rooms,
    BENCH_CLIENT_LOG: path.join(p.paths.logs, 'bench-chat-client.log'),
    BENCH_LATENCY_RESULT: latency,
  });
  await stopAll();
  if (latencyCode !== 0 || !fs.existsSync(latency)) {
    throw new LauncherError(
      `The latency part of the chat benchmark failed (exit ${latencyCode}); nothing was written.`,
    );
  }

  const r = {
    ...JSON.parse(fs.readFileSync(rooms, 'utf8')),
    latency: JSON.parse(fs.readFileSync(latency, 'utf8')),
    totalMs: Date.now() - began,
  };
  writeChatSection(r);
  const l = r.latency;
  log.ok(
    `Rooms: product ${seconds(r.product.ms)} s, bare ${seconds(r.bare.ms)} s before and ${seconds(r.bareAfter.ms)} s after ` +
      `(×${ratio(2 * r.product.ms, r.bare.ms + r.bareAfter.ms)}); ` +
      `latency p50 product ${ms(l.product.p50)}, bare ${ms(l.bare.p50)} (×${ratio(l.product.p50, l.bare.p50)}), ` +
      `p95 product ${ms(l.product.p95)}, bare ${ms(l.bare.p95)} (×${ratio(l.product.p95, l.bare.p95)}) → docs/benchmarks.md`,
  );
  return 0;
}

/** The section of docs/benchmarks.md for the figures `r` of the two bench programs. */
export function writeChatSection(r) {
  const date = new Date().toISOString().slice(0, 10);
  const { product, latency: l } = r;
  // The bare calls ran before and after the product; the product is compared with their mean.
  const mean = (a, b) => (a + b) / 2;
  const bare = {
    ms: mean(r.bare.ms, r.bareAfter.ms),
    cpu: {
      synapse: mean(r.bare.cpu.synapse, r.bareAfter.cpu.synapse),
      node: mean(r.bare.cpu.node, r.bareAfter.cpu.node),
    },
    synapseRequestsPerRoom: mean(r.bare.synapseRequestsPerRoom, r.bareAfter.synapseRequestsPerRoom),
  };
  const cpu = (c) => `${c.synapse.toFixed(0)} / ${c.node.toFixed(0)} s`;
  const perRoom = (seconds) => ((seconds * 1000) / r.rooms).toFixed(0);
  const roomRow = (what, phase) =>
    `| ${what} | ${seconds(phase.ms)} s | ${perSecond(r.rooms, phase.ms)} | ${ratio(product.ms, phase.ms)} | ${cpu(phase.cpu)} | ${phase.synapseRequestsPerRoom.toFixed(1)} | ${phase.load} |`;
  const roomRatio = product.ms / bare.ms;
  // Synapse's CPU seconds per second of the measurement, in per cent.
  const busy = (phase) => Math.round((phase.cpu.synapse * 100_000) / phase.ms);
  const latencyRow = (what, s) =>
    `| ${what} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ${ms(s.mean)} | ${ms(s.first)} |`;
  writeSection(
    'chat',
    `
## Chat (\`npm run bench:chat\`)

${date} · ${machineLine()} · Synapse ${versions.synapse} · ${r.rooms} rooms × ${r.members} members per side · concurrency ${r.concurrency} · ${l.messages} messages per side

### Rooms

| Measure (${r.rooms} rooms × ${r.members} members each) | Time | Rooms/s | Product ÷ this | CPU: Synapse / Node | Synapse requests per room | Machine load¹ |
|---|---|---|---|---|---|---|
${roomRow(`**Product**: \`createRoom\` and \`putRoomMember\` for each other member, ${r.concurrency} rooms at a time, then the outbox worker (real Matrix adapter, concurrency ${r.concurrency}) until every room's sync is \`done\``, product)}
${roomRow(`Baseline before the product: bare Matrix calls (create the room as the adapter does, invite and join each member, set the owner's power level), ${r.concurrency} rooms at a time`, r.bare)}
${roomRow('Baseline after the product: the same calls for other users', r.bareAfter)}

**Product ÷ bare (the mean of before and after) = ${roomRatio.toFixed(2)}.** ${
      roomRatio <= 1.1
        ? 'The product makes the rooms as fast as the bare calls (within 10 %).'
        : roomRatio <= 1.2
          ? 'The product is within 1.2× of the bare calls.'
          : 'The product is above the 1.2× aim.'
    } It sent ${product.synapseRequestsPerRoom.toFixed(1)} requests to Synapse per room against the bare
${bare.synapseRequestsPerRoom.toFixed(1)}: every command (the room, then each member) asks for a \`room.sync\` job, and changes
to a room whose job still waits fold into it — ${product.jobs} jobs ran for ${r.rooms} rooms
and ${r.rooms * r.members} commands; each job reads the room's state before it changes what differs. Synapse spent ${perRoom(product.cpu.synapse)} ms of CPU per room for the product
and ${perRoom(bare.cpu.synapse)} ms for the bare calls (means of before and after here and below); the measuring Node process ${perRoom(product.cpu.node)} ms (commands,
worker, adapter, SQLite) and ${perRoom(bare.cpu.node)} ms. Synapse was busy ${busy(product)} % of the product's time and
${busy(bare)} % of the bare calls' time${busy(product) >= 75 && busy(bare) >= 75 ? ": both wait on Synapse's one Python process" : ''}. The product's extra requests
are reads (the alias, the room's state, the power levels)${
      busy(product) < busy(bare) - 3 ? ', and Synapse idled longer between its jobs than between the bare calls' : ''
    }.

The product's time runs from the first command to the last \`room.sync\` job done; the commands
themselves took ${seconds(product.commandsMs)} s of it, and the worker polls every ${r.pollMs} ms. ${product.retriedJobs} of
its jobs needed a retry. The people (the product's through \`createTenant\` and \`importPeople\`,
in their tenant's space; each bare phase's registered directly, in a space of their own) exist
before anything is timed. Each side checks afterwards that every Matrix room holds exactly its
${r.members} members (and the bot), the owner with power 100, and the encryption state. The
product does not add rooms to the tenant's space (no \`m.space.child\`), so the bare calls do not
either. Order: ${r.warmupRooms} bare rooms to warm up (not timed), bare, product, bare again.

### Message latency

| Measure (${l.messages} messages each, one at a time) | p50 | p95 | max | mean | first message² |
|---|---|---|---|---|---|
${latencyRow("**Product**: two sessions of the chat module (`startChatSession`, crypto in memory); A's `sendText` until B's `onTextMessage` has the decrypted text", l.product)}
${latencyRow("Baseline: bare HTTP; A's `PUT …/send/m.room.message/{txnId}` until B's long poll `GET /sync?since=…&timeout=30000` returns the event", l.bare)}

**Ratios: p50 product ÷ bare = ${ratio(l.product.p50, l.bare.p50)}, p95 product ÷ bare = ${ratio(l.product.p95, l.bare.p95)}.** The comparison is not like
for like in one respect: the product's room is end-to-end encrypted (Megolm), so A encrypts each
message and B decrypts it, while the bare calls send plaintext \`m.room.message\` events into a
room of the same kind — the baseline pays no encryption. Both rooms have all ${r.members} members;
A is the owner, B another member, and each of them logged in through the application service
(\`m.login.application_service\`), a real device per session. The two sides alternate message by
message, both clients of each side run in one Node process on the same machine as Synapse, and
${l.warmup} messages of each side went first, not counted. The whole run, with the start of a fresh
stack, took ${Math.round(r.totalMs / 60_000)} minutes; the machine's mean load during the messages was ${l.load}.

¹ The mean of the 1-minute load average during the measurement. Other programs shared the machine's two
cores, so single times move between runs by tens of percent; compare the ratios of one run.
² The first warm-up message: for the product it includes sharing the room key with B's device.
`,
  );
}
