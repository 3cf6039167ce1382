/**
 * CPU time and resident memory of another process (a server under measurement), read from
 * /proc, so both servers of a benchmark are measured the same way from outside.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User and system CPU seconds the process has used so far (utime + stime). */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** Resident memory in MiB. */
export function rssMiB(pid: number): number {
  const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

export interface Usage {
  /** CPU seconds used between start and stop. */
  cpuSeconds: number;
  /** Resident memory at the start, and the highest sampled until the stop, in MiB. */
  rssStartMiB: number;
  rssPeakMiB: number;
}

/** Starts measuring `pid`: CPU time before and after, resident memory sampled every `everyMs`. */
export function measureProcess(pid: number, everyMs = 100): { stop(): Usage } {
  const cpuStart = cpuSeconds(pid);
  const rssStartMiB = rssMiB(pid);
  let rssPeakMiB = rssStartMiB;
  const timer = setInterval(() => {
    rssPeakMiB = Math.max(rssPeakMiB, rssMiB(pid));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      rssPeakMiB = Math.max(rssPeakMiB, rssMiB(pid));
      return { cpuSeconds: cpuSeconds(pid) - cpuStart, rssStartMiB, rssPeakMiB };
    },
  };
}
