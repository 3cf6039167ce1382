/**
 * What the benchmark programs share: their environment, the CPU time of Keycloak, Synapse and the
 * measuring process, the machine's load, HTTP requests counted by server, and lanes of work.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** A setting the launcher passes; `command` names the npm script in the message when it is missing. */
export function benchEnv(command: string) {
  return (name: string, fallback?: string): string => {
    const value = process.env[name] ?? fallback;
    if (value === undefined || value === '') throw new Error(`${name} is not set: run this through npm run ${command}`);
    return value;
  };
}

export const say = (line: string): void => {
  process.stdout.write(`  ${line}\n`);
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Counts every HTTP request of the process by origin, to report requests per unit of work. */
export function countRequests(): (origin: string) => number {
  const counts = new Map<string, number>();
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const origin = new URL(url).origin;
    counts.set(origin, (counts.get(origin) ?? 0) + 1);
    return realFetch(input, init);
  };
  return (url) => counts.get(new URL(url).origin) ?? 0;
}

// CPU time of Keycloak and Synapse (their process groups, given by the launcher) and of this
// process, per phase: where the time goes, whatever else runs on the machine.
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we looked
    }
  }
  return ticks / clockTicks;
}

export interface CpuSeconds {
  keycloak: number;
  synapse: number;
  node: number;
}

export function cpuNow(): CpuSeconds {
  const group = (name: string) => {
    const pgid = Number(process.env[name]);
    return pgid > 0 ? groupCpuSeconds(pgid) : NaN;
  };
  const own = process.cpuUsage();
  return {
    keycloak: group('BENCH_KEYCLOAK_PGID'),
    synapse: group('BENCH_SYNAPSE_PGID'),
    node: (own.user + own.system) / 1e6,
  };
}

/** The CPU seconds used since `start`, rounded to tenths. */
export function cpuSince(start: CpuSeconds): CpuSeconds {
  const end = cpuNow();
  const round = (v: number) => Number(v.toFixed(1));
  return {
    keycloak: round(end.keycloak - start.keycloak),
    synapse: round(end.synapse - start.synapse),
    node: round(end.node - start.node),
  };
}

/** Runs `work` and records the mean 1-minute load average meanwhile: other programs slow every phase. */
export async function underLoad<T>(work: () => Promise<T>): Promise<{ value: T; load: number }> {
  const samples = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), 5000);
  try {
    const value = await work();
    samples.push(os.loadavg()[0]!);
    return { value, load: Number((samples.reduce((sum, v) => sum + v, 0) / samples.length).toFixed(1)) };
  } finally {
    clearInterval(timer);
  }
}

/** Runs `work` for 0..count-1, `lanes` at a time; returns the wall time in ms. */
export async function timed(count: number, lanes: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(lanes, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
  return performance.now() - began;
}
