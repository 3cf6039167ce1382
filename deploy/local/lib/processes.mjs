import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { LauncherError, log } from './log.mjs';

const children = new Set();

/**
 * Starts a long-running part of the stack in its own process group, its output
 * going to a log file (and optionally through `onLine`). stopAll() ends them all.
 */
export function startProcess(name, cmd, args, { cwd, env, logFile, onLine, stopSignal = 'SIGTERM' }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.createWriteStream(logFile, { flags: 'a' });
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc = { name, child, logFile, stopSignal, exited: false, exitCode: null };
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.on('data', (chunk) => {
      out.write(chunk);
      if (!onLine) return;
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
  }
  child.on('exit', (code, signal) => {
    proc.exited = true;
    proc.exitCode = code ?? signal;
    children.delete(proc);
    out.end();
  });
  child.on('error', (error) => {
    proc.exited = true;
    proc.exitCode = error.message;
  });
  children.add(proc);
  return proc;
}

export function tail(file, lines = 30) {
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

function killGroup(proc, signal) {
  try {
    process.kill(-proc.child.pid, signal);
  } catch {
    // already gone
  }
}

export async function stopProcess(proc, graceMs = 20_000) {
  // Asked for: a supervisor must not start it again.
  proc.stopRequested = true;
  if (proc.exited) return;
  const exited = new Promise((resolve) => proc.child.once('exit', resolve));
  killGroup(proc, proc.stopSignal);
  const timer = setTimeout(() => killGroup(proc, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

let stops = 0;
/** How many times stopAll() ran: a supervisor started before it must not start anything after it. */
export const stopCount = () => stops;

const afterStop = [];
/** Something to undo once every process has stopped (the topology's network), once. */
export function onStopped(undo) {
  afterStop.push(undo);
}

export async function stopAll() {
  stops++;
  // Reverse start order: the backend first, then the servers it talks to.
  await Promise.all([...children].reverse().map((p) => stopProcess(p)));
  for (const undo of afterStop.splice(0)) undo();
}

// Last resort if the launcher dies without running stopAll().
process.on('exit', () => {
  for (const proc of children) killGroup(proc, 'SIGKILL');
});

/** Fails with a clear message when a port the stack needs is taken. */
export async function assertPortsFree(ports) {
  for (const { port, what, setting } of ports) {
    const free = await new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
    });
    if (!free) {
      throw new LauncherError(
        `Port ${port} (${what}) is already in use. Stop the process using it (is the workspace already running?)${setting ? ` or choose another port with ${setting}=…` : ''}.`,
      );
    }
  }
}

/** Polls a URL until `accept(response)` holds, the process dies, or time runs out. */
export async function waitFor(url, { proc, timeoutMs, accept = (r) => r.ok, what }) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (proc?.exited) {
      throw new LauncherError(
        `${what} stopped during start (exit ${proc.exitCode}). Last lines of ${proc.logFile}:\n${tail(proc.logFile)}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (await accept(response)) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const hint = proc ? ` Last lines of ${proc.logFile}:\n${tail(proc.logFile)}` : '';
  throw new LauncherError(`${what} was not ready within ${Math.round(timeoutMs / 1000)} s (${url}: ${last}).${hint}`);
}

let stopping = false;
/** True once a stop was asked for, so an exiting child is expected, not an error. */
export const isStopping = () => stopping;

export function installSignalHandlers(onStop) {
  const handler = (signal) => {
    if (stopping) return;
    stopping = true;
    log.plain('');
    log.step(`${signal} received: stopping every part of the workspace`);
    void onStop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

/** Waits until something accepts connections on a loopback port (a server without an HTTP health check). */
export function waitForPort(port, proc, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (proc.exited) {
        reject(
          new LauncherError(`${what} stopped during start. Last lines of ${proc.logFile}:\n${tail(proc.logFile)}`),
        );
        return;
      }
      const socket = net.connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new LauncherError(`${what} did not listen on ${port} in time`));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}
