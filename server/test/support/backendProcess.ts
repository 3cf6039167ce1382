import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const mainJs = path.resolve(import.meta.dirname, '../../dist/main.js');

/** The environment of the stack under test, as `npm test` passed it. */
export function stackBackendEnv(): Record<string, string> {
  const names = [
    'NODE_ENV',
    'PUBLIC_URL',
    'HOST',
    'PORT',
    'DATABASE_URL',
    'SESSION_SECRET',
    'KEYCLOAK_URL',
    'KEYCLOAK_MANAGEMENT_URL',
    'KEYCLOAK_REALM',
    'KEYCLOAK_CLIENT_ID',
    'KEYCLOAK_CLIENT_SECRET',
    'MATRIX_HOMESERVER_URL',
    'MATRIX_SERVER_NAME',
    'MATRIX_AS_TOKEN',
    'MATRIX_HS_TOKEN',
    'MATRIX_AS_SENDER_LOCALPART',
    'MATRIX_ADMIN_TOKEN',
    'OPERATOR_TOKEN',
  ];
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run integration tests with \`npm test\`.`);
    env[name] = value;
  }
  // Settings a backend keeps in place in Keycloak: another backend of the stack must keep the same,
  // or the two would take turns rewriting the realm's password policy.
  for (const name of ['KEYCLOAK_PASSWORD_POLICY', 'SECOND_FACTOR_ACR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Where the stack keeps documents' bytes: a backend of its own that shares the stack's documents takes these over. */
export const stackStorageSettings = [
  'STORAGE_DRIVER',
  'STORAGE_DIR',
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
] as const;

/** The stack's storage settings as `startBackend` overrides (unset ones stay unset). */
export function stackStorageEnv(): Record<string, string | undefined> {
  return Object.fromEntries(stackStorageSettings.map((name) => [name, process.env[name]]));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface BackendRun {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

/**
 * Starts the built backend (server/dist/main.js) as its own process with the
 * stack's environment plus overrides, on a free port and a throwaway database.
 */
export async function startBackend(overrides: Record<string, string | undefined>): Promise<BackendRun> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-backend-'));
  const env: Record<string, string> = {
    ...stackBackendEnv(),
    PORT: String(port),
    PUBLIC_URL: `http://localhost:${port}`,
    DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
    LOG_LEVEL: 'info',
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, [mainJs], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    url: `http://127.0.0.1:${env.PORT}`,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the backend answers /healthz, or fails with its output if it exits. */
export async function waitUntilListening(run: BackendRun, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`backend exited with ${run.child.exitCode}:\n${run.output()}`);
    try {
      const response = await fetch(`${run.url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`backend did not listen within ${timeoutMs} ms:\n${run.output()}`);
}
