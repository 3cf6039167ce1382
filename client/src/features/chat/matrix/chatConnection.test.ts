import { MatrixError, type MatrixClient } from 'matrix-js-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatConnection, type ChatConnectionDeps } from './chatConnection';
import type { ChatCredentials, ChatSession } from './chatSession';

const server = {
  homeserverUrl: 'https://matrix.amt.example',
  serverName: 'amt.example',
  identityProviderId: 'oidc-keycloak',
  serviceUserId: '@workspace-bot:amt.example',
};
const device: ChatCredentials = {
  homeserverUrl: server.homeserverUrl,
  userId: '@bernd:amt.example',
  deviceId: 'DEV1',
  accessToken: 'token',
};
const session: ChatSession = {
  client: { on: () => undefined } as unknown as MatrixClient,
  userId: device.userId,
  stop: () => Promise.resolve(),
};
const tooMany = () =>
  new MatrixError({ errcode: 'M_LIMIT_EXCEEDED' }, 429, undefined, undefined, new Headers({ 'Retry-After': '4' }));

/** Waits the test releases one at a time, so each state in between can be seen. */
function manualSleep() {
  const waits: { ms: number; release: () => void }[] = [];
  return {
    waits,
    sleep: (ms: number) => new Promise<void>((release) => waits.push({ ms, release })),
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ChatConnection', () => {
  beforeEach(() => {
    const stored = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
      removeItem: (key: string) => void stored.delete(key),
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('stays connecting while the homeserver limits it, and connects once the wait it asked for has passed', async () => {
    const { waits, sleep } = manualSleep();
    let starts = 0;
    const deps: ChatConnectionDeps = {
      startSession: () => (++starts === 1 ? Promise.reject(tooMany()) : Promise.resolve(session)),
      readSecurity: () => Promise.resolve({ kind: 'ready' }),
      sleep,
    };
    const connection = new ChatConnection(deps);
    connection.adopt(server, device);
    await settled();
    expect(connection.getState().kind).toBe('connecting');
    expect(waits.map((w) => w.ms)).toEqual([4_000]);

    waits[0]!.release();
    await settled();
    expect(starts).toBe(2);
    expect(connection.getState()).toMatchObject({ kind: 'ready', session });
  });

  it('gives up the waiting when the connection is dropped meanwhile, and fails on other errors at once', async () => {
    const { waits, sleep } = manualSleep();
    let starts = 0;
    const dropped = new ChatConnection({
      startSession: () => (++starts, Promise.reject(tooMany())),
      readSecurity: () => Promise.resolve({ kind: 'ready' }),
      sleep,
    });
    dropped.adopt(server, device);
    await settled();
    await dropped.disconnect();
    waits[0]!.release();
    await settled();
    expect(starts).toBe(1);
    expect(dropped.getState().kind).toBe('idle');

    const refused = new ChatConnection({
      startSession: () => Promise.reject(new MatrixError({ errcode: 'M_FORBIDDEN' }, 403)),
      readSecurity: () => Promise.resolve({ kind: 'ready' }),
      sleep,
    });
    refused.adopt(server, device);
    await settled();
    await settled();
    expect(refused.getState()).toMatchObject({ kind: 'failed', reason: 'unknown' });
    expect(waits).toHaveLength(1);
  });
});
