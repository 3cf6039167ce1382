/**
 * Message delivery latency, the second part of `npm run bench:chat`
 * (deploy/local/commands/benchChat.mjs), run after server/bench/chat.ts on the same stack, in the
 * rooms it made. Two people, A and B, each logged in through the application service (a real
 * device each), and A sends BENCH_MESSAGES messages one at a time: the next only once B has it.
 *
 * - product: two chat sessions of the product's chat module (client/src/features/chat), crypto
 *   store in memory; A calls `sendText`, and the time runs until B's `onTextMessage` listener gets
 *   the decrypted message. The room is the first one the product made (end-to-end encrypted, with
 *   all its members).
 * - bare: plain HTTP. A does `PUT /rooms/{roomId}/send/m.room.message/{txnId}` with a plaintext
 *   body, and B long-polls `GET /sync?since=…&timeout=30000` until the event is in a response. The
 *   room is the first one of the bare side (it has the encryption state event too, but these
 *   events are not encrypted: the bare side pays no encryption).
 *
 * The two alternate message by message (which goes first alternates too), so both see the same
 * machine. BENCH_WARMUP_MESSAGES messages of each go first and are not counted; the very first
 * message of each is reported on its own, because the product shares its room key with it.
 * Figures as JSON to BENCH_LATENCY_RESULT.
 */
import '../test/support/promiseWithResolvers';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { productChat as chat, type ChatCredentials, type ChatSession } from './productChat';

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is not set: run this through npm run bench:chat`);
  return value;
};
const say = (line: string): void => {
  process.stdout.write(`  ${line}\n`);
};

interface Pair {
  roomId: string;
  /** Localparts of the sender and the receiver. */
  a: string;
  b: string;
}
interface LatencyInput {
  homeserverUrl: string;
  product: Pair;
  bare: Pair;
}

// The chat libraries log to the console, plenty at debug level: into a file, out of the figures' way.
const clientLog = fs.createWriteStream(env('BENCH_CLIENT_LOG', '/dev/null'), { flags: 'a' });
const toClientLog = (...parts: unknown[]): void => {
  clientLog.write(`${parts.map((p) => (typeof p === 'string' ? p : inspect(p))).join(' ')}\n`);
};
Object.assign(console, {
  trace: toClientLog,
  debug: toClientLog,
  log: toClientLog,
  info: toClientLog,
  warn: toClientLog,
  error: toClientLog,
});

const input = (JSON.parse(fs.readFileSync(env('BENCH_CHAT_INPUT'), 'utf8')) as { latency: LatencyInput }).latency;
// The benchmark's own application service (appservice-harness.yaml.tmpl): the workspace's logs in as no one.
const asToken = env('MATRIX_HARNESS_AS_TOKEN');
const messages = Number(env('BENCH_MESSAGES', '200'));
const warmup = Number(env('BENCH_WARMUP_MESSAGES', '5'));
const timeoutMs = 30_000;
const run = randomBytes(3).toString('hex');
const api = `${input.homeserverUrl}/_matrix/client/v3`;

async function call<T>(method: string, path: string, token: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(api + path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  if (!response.ok)
    throw new Error(`${method} ${path.split('?')[0]}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Logs a user in through the application service: a new device with its own access token. */
async function login(localpart: string): Promise<ChatCredentials> {
  const body = await call<{ user_id: string; device_id: string; access_token: string }>('POST', '/login', asToken, {
    type: 'm.login.application_service',
    identifier: { type: 'm.id.user', user: localpart },
    initial_device_display_name: 'bench:chat',
  });
  return {
    homeserverUrl: input.homeserverUrl,
    userId: body.user_id,
    deviceId: body.device_id,
    accessToken: body.access_token,
  };
}

/** Resolves the wait for a message body once the receiving side has it. */
class Arrivals {
  private readonly waiting = new Map<string, (at: number) => void>();

  expect(body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(body);
        reject(new Error(`"${body}" did not arrive within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting.set(body, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  arrived(body: string): void {
    const at = performance.now();
    const resolve = this.waiting.get(body);
    this.waiting.delete(body);
    resolve?.(at);
  }
}

interface Variant {
  name: 'product' | 'bare';
  /** Sends one message and resolves with the time B had it (performance.now()). */
  send(body: string): Promise<number>;
  stop(): Promise<void>;
}

interface SyncResponse {
  next_batch: string;
  rooms?: { join?: Record<string, { timeline?: { events?: { type: string; content?: { body?: unknown } }[] } }> };
}

/** Bare HTTP: A sends with its own token, B long-polls /sync without pause. */
async function bareVariant(pair: Pair): Promise<Variant> {
  const [a, b] = await Promise.all([login(pair.a), login(pair.b)]);
  const arrivals = new Arrivals();
  const stopping = new AbortController();
  let since = (await call<SyncResponse>('GET', '/sync?timeout=0', b.accessToken)).next_batch;
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        const query = `since=${encodeURIComponent(since)}&timeout=30000`;
        const sync = await call<SyncResponse>('GET', `/sync?${query}`, b.accessToken, undefined, stopping.signal);
        since = sync.next_batch;
        for (const event of sync.rooms?.join?.[pair.roomId]?.timeline?.events ?? []) {
          if (event.type === 'm.room.message' && typeof event.content?.body === 'string') {
            arrivals.arrived(event.content.body);
          }
        }
      } catch (error) {
        if (!stopping.signal.aborted) throw error;
      }
    }
  })();
  let txn = 0;
  const room = encodeURIComponent(pair.roomId);
  return {
    name: 'bare',
    async send(body) {
      const arrived = arrivals.expect(body);
      await call('PUT', `/rooms/${room}/send/m.room.message/${run}-${txn++}`, a.accessToken, {
        msgtype: 'm.text',
        body,
      });
      return arrived;
    },
    async stop() {
      stopping.abort();
      await loop;
      await Promise.all([a, b].map((c) => call('POST', '/logout', c.accessToken, {})));
    },
  };
}

/** The product: two chat sessions of the chat module, A sends, B's listener gets the decrypted text. */
async function productVariant(pair: Pair): Promise<Variant> {
  const [a, b] = await Promise.all([login(pair.a), login(pair.b)]);
  const sessions: ChatSession[] = await Promise.all([
    chat.startChatSession(a, { cryptoStore: 'memory' }),
    chat.startChatSession(b, { cryptoStore: 'memory' }),
  ]);
  const [sender, receiver] = sessions as [ChatSession, ChatSession];
  const arrivals = new Arrivals();
  const unsubscribe = chat.onTextMessage(receiver, (message) => {
    if (message.roomId === pair.roomId && message.sender === sender.userId) arrivals.arrived(message.body);
  });
  return {
    name: 'product',
    async send(body) {
      const arrived = arrivals.expect(body);
      await chat.sendText(sender, pair.roomId, body);
      return arrived;
    },
    async stop() {
      unsubscribe();
      await Promise.all(sessions.map((s) => s.stop()));
      await Promise.all([a, b].map((c) => call('POST', '/logout', c.accessToken, {})));
    },
  };
}

/** One message, timed from the send call until B has it. */
async function measure(variant: Variant, label: string): Promise<number> {
  const began = performance.now();
  const arrived = await variant.send(`${variant.name} ${run} ${label}`);
  return arrived - began;
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
function summary(ms: number[], first: number) {
  const sorted = [...ms].sort((x, y) => x - y);
  const round = (v: number) => Number(v.toFixed(1));
  return {
    count: ms.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    max: round(sorted.at(-1) ?? NaN),
    mean: round(ms.reduce((sum, v) => sum + v, 0) / ms.length),
    first: round(first),
  };
}

// ---------------------------------------------------------------------------------------------

const variants: Variant[] = [await bareVariant(input.bare), await productVariant(input.product)];
say(
  `${messages} messages each (${warmup} more to warm up), one at a time, ${variants.map((v) => v.name).join(' and ')}`,
);

const first = new Map<string, number>();
for (let i = 0; i < Math.max(1, warmup); i++) {
  for (const variant of variants) {
    const ms = await measure(variant, `warm-up ${i}`);
    if (i === 0) first.set(variant.name, ms);
  }
}

const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
const loads = [os.loadavg()[0]!];
const began = performance.now();
for (let i = 0; i < messages; i++) {
  // Which variant goes first alternates, so neither always follows the other.
  const order = i % 2 === 0 ? variants : [...variants].reverse();
  for (const variant of order) times.get(variant.name)!.push(await measure(variant, `${i}`));
  if ((i + 1) % 50 === 0) {
    loads.push(os.loadavg()[0]!);
    const p50 = (name: string) =>
      percentile(
        [...(times.get(name) ?? [])].sort((x, y) => x - y),
        0.5,
      ).toFixed(0);
    say(`${i + 1} of ${messages}: p50 ${variants.map((v) => `${v.name} ${p50(v.name)} ms`).join(', ')}`);
  }
}
const wallMs = performance.now() - began;
loads.push(os.loadavg()[0]!);
for (const variant of variants) await variant.stop();

const result = Object.fromEntries(variants.map((v) => [v.name, summary(times.get(v.name)!, first.get(v.name)!)]));
fs.writeFileSync(
  env('BENCH_LATENCY_RESULT'),
  JSON.stringify(
    {
      messages,
      warmup,
      wallMs,
      load: Number((loads.reduce((sum, v) => sum + v, 0) / loads.length).toFixed(1)),
      ...result,
    },
    null,
    2,
  ),
);
process.exit(0);
