import { ClientEvent, HttpApiEvent, MatrixError, RoomEvent, type MatrixClient } from 'matrix-js-sdk';
import { CryptoEvent } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatConnection, type ChatConnectionDeps } from './chatConnection';
import type { ChatCredentials, ChatSession } from './chatSession';
import { StandInClient } from './matrixStandIn';
import type { Security } from './security';

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
    expect(connection.getSnapshot().kind).toBe('connecting');
    expect(waits.map((w) => w.ms)).toEqual([4_000]);

    waits[0]!.release();
    await settled();
    expect(starts).toBe(2);
    expect(connection.getSnapshot()).toMatchObject({ kind: 'ready', session });
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
    expect(dropped.getSnapshot().kind).toBe('idle');

    const refused = new ChatConnection({
      startSession: () => Promise.reject(new MatrixError({ errcode: 'M_FORBIDDEN' }, 403)),
      readSecurity: () => Promise.resolve({ kind: 'ready' }),
      sleep,
    });
    refused.adopt(server, device);
    await settled();
    await settled();
    expect(refused.getSnapshot()).toMatchObject({ kind: 'failed', reason: 'unknown' });
    expect(waits).toHaveLength(1);
  });

  it('is disposed with its provider: the session stops, its listeners go, and it never connects again', async () => {
    const client = new StandInClient(device.userId);
    const stop = vi.fn(() => Promise.resolve());
    let starts = 0;
    const connection = new ChatConnection({
      startSession: () => (++starts, Promise.resolve({ client: client.asClient, userId: device.userId, stop })),
      readSecurity: () => Promise.resolve({ kind: 'ready' }),
      sleep: () => Promise.resolve(),
    });
    const seen: string[] = [];
    connection.subscribe(() => seen.push(connection.getSnapshot().kind));
    connection.adopt(server, device);
    await settled();
    expect(seen).toEqual(['connecting', 'ready']);
    expect(client.listenersInAll()).toBeGreaterThan(0);

    connection.dispose();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(client.listenersInAll()).toBe(0);
    expect(connection.getSnapshot()).toEqual({ kind: 'stopped' });
    connection.connect(server, device.userId);
    connection.adopt(server, device);
    await settled();
    expect(starts).toBe(1);
    expect(seen).toEqual(['connecting', 'ready', 'stopped']);
  });

  it('reads its security again when the crypto tells of a change, and learns when the homeserver ends the device', async () => {
    const client = new StandInClient(device.userId);
    const answers: Security[] = [{ kind: 'needs-recovery', signed: false }, { kind: 'ready' }];
    const connection = new ChatConnection({
      startSession: () =>
        Promise.resolve({ client: client.asClient, userId: device.userId, stop: () => Promise.resolve() }),
      readSecurity: () => Promise.resolve(answers.shift() ?? { kind: 'ready' }),
      sleep: () => Promise.resolve(),
    });
    connection.adopt(server, device);
    await settled();
    const ready = connection.getSnapshot();
    expect(ready).toMatchObject({ kind: 'ready', security: { kind: 'needs-recovery', signed: false } });

    client.emit(CryptoEvent.KeyBackupStatus, true);
    await settled();
    expect(connection.getSnapshot()).toMatchObject({ kind: 'ready', security: { kind: 'ready' } });

    client.emit(HttpApiEvent.SessionLoggedOut, new MatrixError({ errcode: 'M_UNKNOWN_TOKEN' }, 401));
    await settled();
    expect(connection.getSnapshot()).toEqual({ kind: 'needs-login', server, userId: device.userId });
    expect(client.listenersInAll()).toBe(0);
  });

  it('emits no new snapshot when the security read again is unchanged, nor for client events it does not follow', async () => {
    const client = new StandInClient(device.userId);
    const reads = vi.fn(() => Promise.resolve<Security>({ kind: 'needs-recovery', signed: true }));
    const connection = new ChatConnection({
      startSession: () =>
        Promise.resolve({ client: client.asClient, userId: device.userId, stop: () => Promise.resolve() }),
      readSecurity: reads,
      sleep: () => Promise.resolve(),
    });
    connection.adopt(server, device);
    await settled();
    const ready = connection.getSnapshot();
    const changes = vi.fn();
    connection.subscribe(changes);

    client.emit(CryptoEvent.DevicesUpdated, [device.userId], false);
    client.emit(CryptoEvent.KeyBackupStatus, true);
    client.emit(RoomEvent.Timeline, undefined, undefined);
    client.emit(ClientEvent.Sync, 'SYNCING', 'SYNCING');
    await settled();
    expect(reads).toHaveBeenCalledTimes(3);
    expect(connection.getSnapshot()).toBe(ready);
    expect(changes).not.toHaveBeenCalled();
  });
});
