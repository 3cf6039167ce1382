/**
 * Update latency with many editors on one text document, the second part of `npm run bench:docs`
 * (deploy/local/commands/benchDocs.mjs), run after server/bench/docs.ts, which signed the
 * editors in and made the document. Every editor is a HocuspocusProvider with its own Y.Doc and
 * WebSocket (the `ws` package), all in this one Node process.
 *
 * - product: the backend's collaboration server (/collab on its HTTP server): each editor's
 *   socket carries that person's session cookie and the workspace's Origin, so every connection
 *   goes through the real sign-in session, the policy and the stored document;
 * - baseline: a bare Hocuspocus server of the same package (server/bench/collabBaseline.mjs,
 *   started by the launcher as a process of its own), no extensions; once before and once
 *   after the product, each time on a new document.
 *
 * Each phase connects all editors, sends BENCH_WARMUP_UPDATES updates (not counted), then
 * BENCH_UPDATES updates one at a time: editor `i mod N` appends a paragraph "<seq> <timestamp>"
 * to the Yjs fragment the product's editor uses (`default`), and the next update goes once every
 * other editor has it. Per update the time until all others have it, and each single delivery;
 * the server process's CPU time (utime + stime from /proc) and resident memory (sampled) over
 * the counted updates; then, after a pause, the server's CPU over BENCH_IDLE_MS with every editor
 * connected and nobody typing, its background pace. Figures as JSON to BENCH_DOCS_RESULT.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { measureProcess, type Usage } from './processUsage';

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is not set: run this through npm run bench:docs`);
  return value;
};
const say = (line: string): void => {
  process.stdout.write(`  ${line}\n`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface DocsInput {
  origin: string;
  collabUrl: string;
  entryId: string;
  editors: { cookie: string; id: string; name: string }[];
}

const input = JSON.parse(fs.readFileSync(env('BENCH_DOCS_INPUT'), 'utf8')) as DocsInput;
const updates = Number(env('BENCH_UPDATES', '500'));
const warmup = Number(env('BENCH_WARMUP_UPDATES', '20'));
const backendPid = Number(env('BENCH_BACKEND_PID'));
const baselinePid = Number(env('BENCH_BASELINE_PID'));
const baselineUrl = env('BENCH_BASELINE_URL');
const idleMs = Number(env('BENCH_IDLE_MS', '15000'));
const timeoutMs = 30_000;
const run = randomBytes(3).toString('hex');
const colors = ['#1f6feb', '#b35900', '#1a7f37', '#8250df', '#cf222e', '#0a7a8a'];

interface Side {
  name: 'product' | 'baseline';
  url: string;
  document: string;
  pid: number;
  /** What each editor's WebSocket handshake carries. */
  headers(editor: number): Record<string, string>;
}

interface Editor {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  fragment: Y.XmlFragment;
}

/** One arrival per other editor, for the update of sequence number `seq`. */
interface Waiting {
  sender: number;
  arrivals: number[];
  done: (arrivals: number[]) => void;
}

class Deliveries {
  private readonly waiting = new Map<number, Waiting>();

  expect(seq: number, sender: number): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const got = this.waiting.get(seq)?.arrivals.length ?? 0;
        this.waiting.delete(seq);
        reject(new Error(`update ${seq} reached ${got} of ${input.editors.length - 1} editors in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(seq, {
        sender,
        arrivals: [],
        done: (arrivals) => {
          clearTimeout(timer);
          resolve(arrivals);
        },
      });
    });
  }

  arrived(seq: number, receiver: number): void {
    const at = performance.now();
    const w = this.waiting.get(seq);
    if (!w || receiver === w.sender) return;
    w.arrivals.push(at);
    if (w.arrivals.length === input.editors.length - 1) {
      this.waiting.delete(seq);
      w.done(w.arrivals);
    }
  }
}

/** The sequence number in the last paragraph of the fragment ("<seq> <timestamp>"). */
function lastSeq(fragment: Y.XmlFragment): number | undefined {
  const last = fragment.length > 0 ? fragment.get(fragment.length - 1) : undefined;
  if (!(last instanceof Y.XmlElement)) return undefined;
  const text = last.get(0);
  return text instanceof Y.XmlText ? Number(text.toString().split(' ')[0]) : undefined;
}

function connect(side: Side, index: number, deliveries: Deliveries): Promise<Editor> {
  const headers = side.headers(index);
  // The provider makes its socket with `new WebSocketPolyfill(url)`: this one adds the handshake headers.
  class EditorSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const socket = new HocuspocusProviderWebsocket({ url: side.url, WebSocketPolyfill: EditorSocket });
  const document = new Y.Doc();
  const fragment = document.getXmlFragment('default');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`editor ${index} not synced within ${timeoutMs} ms`)), timeoutMs);
    const provider: HocuspocusProvider = new HocuspocusProvider({
      websocketProvider: socket,
      name: side.document,
      document,
      // The product reads the session cookie; the token only has to be there.
      token: 'session',
      onAuthenticationFailed: ({ reason }) => {
        clearTimeout(timer);
        reject(new Error(`editor ${index} refused: ${reason}`));
      },
      onSynced: () => {
        clearTimeout(timer);
        resolve({ provider, socket, fragment });
      },
    });
    provider.attach();
    const editor = input.editors[index]!;
    provider.setAwarenessField('user', { id: editor.id, name: editor.name, color: colors[index % colors.length] });
    document.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) {
        const seq = lastSeq(fragment);
        if (seq !== undefined) deliveries.arrived(seq, index);
      }
    });
  });
}

/** Editor `sender` appends one paragraph; resolves with the times every other editor had it. */
async function update(
  editors: Editor[],
  deliveries: Deliveries,
  seq: number,
): Promise<{ began: number; arrivals: number[] }> {
  const sender = seq % editors.length;
  const arrived = deliveries.expect(seq, sender);
  const began = performance.now();
  const { fragment } = editors[sender]!;
  fragment.doc!.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`${seq} ${Date.now()}`)]);
    fragment.insert(fragment.length, [paragraph]);
  });
  return { began, arrivals: await arrived };
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
function summary(ms: number[]) {
  const sorted = [...ms].sort((x, y) => x - y);
  const round = (v: number) => Number(v.toFixed(1));
  return {
    count: ms.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    max: round(sorted.at(-1) ?? NaN),
    mean: round(ms.reduce((sum, v) => sum + v, 0) / ms.length),
  };
}

async function disconnect(editors: Editor[]): Promise<void> {
  for (const { provider, socket } of editors) {
    provider.destroy();
    socket.destroy();
  }
  await sleep(1000);
}

async function phase(side: Side, label: string) {
  const deliveries = new Deliveries();
  const connectBegan = performance.now();
  const editors = await Promise.all(input.editors.map((_, i) => connect(side, i, deliveries)));
  const connectMs = performance.now() - connectBegan;
  for (let seq = 0; seq < warmup; seq++) await update(editors, deliveries, seq);

  const all: number[] = [];
  const single: number[] = [];
  /** When each counted update went (ms since the first), to see whether slow ones come together. */
  const sentAt: number[] = [];
  const loads = [os.loadavg()[0]!];
  const loadTimer = setInterval(() => loads.push(os.loadavg()[0]!), 5000);
  const server = measureProcess(side.pid);
  const clientCpu = process.cpuUsage();
  const began = performance.now();
  for (let seq = warmup; seq < warmup + updates; seq++) {
    const u = await update(editors, deliveries, seq);
    sentAt.push(u.began - began);
    all.push(Math.max(...u.arrivals) - u.began);
    for (const at of u.arrivals) single.push(at - u.began);
  }
  const wallMs = performance.now() - began;
  const usage: Usage = server.stop();
  const client = process.cpuUsage(clientCpu);
  clearInterval(loadTimer);
  loads.push(os.loadavg()[0]!);

  // Did every editor get every update, in the same order?
  const want = warmup + updates;
  for (const [i, e] of editors.entries()) {
    if (e.fragment.length !== want || lastSeq(e.fragment) !== want - 1) {
      throw new Error(`${label}: editor ${i} has ${e.fragment.length} paragraphs, not ${want}`);
    }
  }
  // The server's own pace with everyone connected and nobody typing (after the store that follows
  // the last edit): background work, which the CPU of the updates includes too.
  await sleep(3000);
  const quiet = measureProcess(side.pid);
  await sleep(idleMs);
  const idle = quiet.stop();
  await disconnect(editors);
  const idleCpuPerSecond = idle.cpuSeconds / (idleMs / 1000);
  const result = {
    connectMs: Number(connectMs.toFixed(0)),
    all: summary(all),
    single: summary(single),
    wallMs: Number(wallMs.toFixed(0)),
    cpuSeconds: Number(usage.cpuSeconds.toFixed(2)),
    idleCpuPerSecond: Number(idleCpuPerSecond.toFixed(4)),
    /** CPU of the updates without the idle pace over their time, in ms per update. */
    netCpuMsPerUpdate: Number((((usage.cpuSeconds - (idleCpuPerSecond * wallMs) / 1000) * 1000) / updates).toFixed(2)),
    rssStartMiB: Number(usage.rssStartMiB.toFixed(1)),
    rssPeakMiB: Number(usage.rssPeakMiB.toFixed(1)),
    clientCpuSeconds: Number(((client.user + client.system) / 1e6).toFixed(2)),
    load: Number((loads.reduce((sum, v) => sum + v, 0) / loads.length).toFixed(1)),
    series: all.map((ms, i) => [Math.round(sentAt[i]!), Number(ms.toFixed(1))]),
  };
  say(
    `${label}: all others p50 ${result.all.p50} ms, p95 ${result.all.p95} ms; single p50 ${result.single.p50} ms; ` +
      `server CPU ${result.cpuSeconds} s (idle ${(result.idleCpuPerSecond * 1000).toFixed(0)} ms/s), RSS ${result.rssStartMiB} → peak ${result.rssPeakMiB} MiB; connect ${result.connectMs} ms`,
  );
  return result;
}

/** After every editor left: one editor opens the document again and must find every paragraph. */
async function reopen(side: Side, paragraphs: number): Promise<number> {
  const editor = await connect(side, 0, new Deliveries());
  const found = editor.fragment.length;
  await disconnect([editor]);
  if (found !== paragraphs) throw new Error(`${side.name}: reopened with ${found} paragraphs, not ${paragraphs}`);
  return found;
}

// ---------------------------------------------------------------------------------------------

const product: Side = {
  name: 'product',
  url: input.collabUrl,
  document: input.entryId,
  pid: backendPid,
  headers: (i) => ({ Cookie: input.editors[i]!.cookie, Origin: input.origin }),
};
const baseline = (document: string): Side => ({
  name: 'baseline',
  url: baselineUrl,
  document,
  pid: baselinePid,
  headers: () => ({}),
});

say(
  `${input.editors.length} editors, ${updates} updates per phase (${warmup} more to warm up), one at a time; ` +
    'baseline, product, baseline',
);
const before = await phase(baseline(`bench-${run}-before`), 'baseline before');
const productResult = await phase(product, 'product');
// The product keeps the document when the last editor leaves; after a pause it is opened again.
await sleep(3000);
const reopened = await reopen(product, warmup + updates);
const after = await phase(baseline(`bench-${run}-after`), 'baseline after');

fs.writeFileSync(
  env('BENCH_DOCS_RESULT'),
  JSON.stringify(
    {
      editors: input.editors.length,
      updates,
      warmup,
      idleMs,
      reopened,
      baseline: before,
      product: productResult,
      baselineAfter: after,
    },
    null,
    2,
  ),
);
process.exit(0);
