import { AllDevicesIsolationMode, DecryptionFailureCode } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { MatrixEvent } from 'matrix-js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminEnsureUser,
  adminLoginAs,
  serviceLoginAs,
  type DeviceWithoutOwner,
} from '../../server/test/support/matrixAdmin';
import {
  startChatSession,
  type ChatSession,
  type SecretStorageKeySource,
} from '../src/features/chat/matrix/chatSession';
import { sendMessage } from '../src/features/chat/matrix/roomActions';
import { newRecoveryKey, readSecurity, recoverWithKey, setUpKeyBackup } from '../src/features/chat/matrix/security';
import { timelineItems } from '../src/features/chat/matrix/timeline';

/**
 * Who receives a room's keys, in Node against the real Synapse with the
 * browser's chat module. Max's first device sets up cross-signing and key
 * backup; his second device confirms itself with the recovery key. A third
 * device is then made for Max without him, with the application service's
 * token: it is not signed by Max, so Sara's client shares no room key with it,
 * it cannot read what she writes, and what it sends is not decrypted but
 * flagged. A server admin's "log in as user" gets no device at all.
 */

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run with the stack (npm test or .local/test/stack.env).`);
  return value;
}

const RUN = `geraete${Date.now().toString(36)}`;

async function clientApi<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${env('MATRIX_HOMESERVER_URL')}/_matrix/client/v3${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      void Promise.resolve(check()).then((value) => {
        if (value !== undefined) return resolve(value);
        if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
        setTimeout(tick, 100);
      }, reject);
    };
    tick();
  });
}

/** The recovery key as the browser's dialog hands it to the crypto: only while the work runs. */
function recoveryKeyHolder(): {
  source: SecretStorageKeySource;
  withKey: <T>(key: Uint8Array<ArrayBuffer>, work: () => Promise<T>) => Promise<T>;
} {
  let current: Uint8Array<ArrayBuffer> | undefined;
  return {
    source: (keys) => {
      const keyId = Object.keys(keys)[0];
      return Promise.resolve(current && keyId ? [keyId, current] : null);
    },
    withKey: async (key, work) => {
      current = key;
      try {
        return await work();
      } finally {
        current = undefined;
      }
    },
  };
}

function start(device: DeviceWithoutOwner, holder?: ReturnType<typeof recoveryKeyHolder>): Promise<ChatSession> {
  return startChatSession(
    { homeserverUrl: env('MATRIX_HOMESERVER_URL'), ...device },
    { cryptoStore: 'memory', ...(holder ? { secretStorageKey: holder.source } : {}) },
  );
}

function eventWithBody(session: ChatSession, roomId: string, eventId: string): MatrixEvent | undefined {
  return session.client.getRoom(roomId)?.findEventById(eventId) ?? undefined;
}

describe('room keys go only to devices their owner has cross-signed', () => {
  let sara: ChatSession;
  let maxFirst: ChatSession;
  let maxSecond: ChatSession;
  let rogue: ChatSession;
  let rogueDevice: DeviceWithoutOwner;
  let roomId: string;
  const text = `Vertraulicher Vermerk ${RUN}`;
  let eventId: string;
  const maxFirstHolder = recoveryKeyHolder();

  beforeAll(async () => {
    const [saraId, maxId] = await Promise.all([
      adminEnsureUser(`${RUN}-sara`, 'Sara Sender'),
      adminEnsureUser(`${RUN}-max`, 'Max Mitglied'),
    ]);
    const [saraDevice, maxFirstDevice] = await Promise.all([serviceLoginAs(saraId), serviceLoginAs(maxId)]);
    [sara, maxFirst] = await Promise.all([start(saraDevice), start(maxFirstDevice, maxFirstHolder)]);
    // Made as the workspace makes rooms: by an application service's user (the test stack's own), who
    // invites; the homeserver lets people neither create rooms nor invite (ADR 0028).
    const created = await clientApi<{ room_id: string }>('POST', '/createRoom', env('MATRIX_HARNESS_AS_TOKEN'), {
      name: `Geräte ${RUN}`,
      preset: 'private_chat',
      invite: [saraId, maxId],
      initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    });
    roomId = created.room_id;
    await clientApi('POST', `/join/${encodeURIComponent(roomId)}`, saraDevice.accessToken, {});
    await clientApi('POST', `/join/${encodeURIComponent(roomId)}`, maxFirstDevice.accessToken, {});
    await waitFor('the encrypted room at Sara', () =>
      sara.client.getRoom(roomId)?.hasEncryptionStateEvent() ? true : undefined,
    );
  }, 120_000);

  afterAll(async () => {
    for (const session of [sara, maxFirst, maxSecond, rogue]) await session?.stop();
  });

  it('signs each account’s first device with a new cross-signing identity', async () => {
    expect(await readSecurity(sara)).toEqual({ kind: 'needs-setup' });
    const status = await maxFirst.client
      .getCrypto()
      ?.getDeviceVerificationStatus(maxFirst.userId, maxFirst.client.getDeviceId() ?? '');
    expect(status?.crossSigningVerified).toBe(true);
  });

  it('a further device confirmed with the recovery key signs itself', async () => {
    // The first device's key backup, as the browser's dialog sets it up.
    const key = await newRecoveryKey(maxFirst);
    await setUpKeyBackup(maxFirst, key, maxFirstHolder.withKey);
    expect(await readSecurity(maxFirst)).toEqual({ kind: 'ready' });

    const holder = recoveryKeyHolder();
    maxSecond = await start(await serviceLoginAs(maxFirst.userId), holder);
    expect(await readSecurity(maxSecond)).toEqual({ kind: 'needs-recovery', signed: false });
    await recoverWithKey(maxSecond, key.encodedPrivateKey ?? '', holder.withKey, () => undefined);
    // The device's new signature is uploaded, then read back with the device list: it may lag a moment.
    await expect.poll(() => readSecurity(maxSecond), { timeout: 15_000 }).toEqual({ kind: 'ready' });
  });

  it('a device made for Max without him gets no room key; Max’s confirmed devices read the message', async () => {
    rogueDevice = await serviceLoginAs(maxFirst.userId);
    rogue = await start(rogueDevice);
    // Sara's client knows all three of Max's devices, and which of them Max has signed.
    const crypto = sara.client.getCrypto()!;
    await waitFor('Max’s devices at Sara', async () => {
      const devices = (await crypto.getUserDeviceInfo([maxFirst.userId], true)).get(maxFirst.userId);
      if (!devices?.has(rogueDevice.deviceId) || !devices.has(maxSecond.client.getDeviceId() ?? '')) return undefined;
      const second = await crypto.getDeviceVerificationStatus(maxFirst.userId, maxSecond.client.getDeviceId() ?? '');
      return second?.signedByOwner ? true : undefined;
    });
    const rogueStatus = await crypto.getDeviceVerificationStatus(maxFirst.userId, rogueDevice.deviceId);
    expect(rogueStatus?.signedByOwner).toBe(false);

    eventId = ((await sendMessage(sara.client, roomId, text)) as { event_id: string }).event_id;
    for (const device of [maxFirst, maxSecond]) {
      await waitFor(`the message at ${device.client.getDeviceId()}`, () => {
        const room = device.client.getRoom(roomId);
        return room ? timelineItems(room, device.userId).find((i) => i.id === eventId && i.body === text) : undefined;
      });
    }
    // The device made without Max has the event, but no key for it: it stays undecryptable.
    const atRogue = await waitFor('the event at the device made without Max', () =>
      eventWithBody(rogue, roomId, eventId),
    );
    await waitFor('the decryption attempt at the device made without Max', () =>
      atRogue.isBeingDecrypted() ? undefined : true,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await rogue.client.decryptEventIfNeeded(atRogue);
    expect(atRogue.isDecryptionFailure()).toBe(true);
    // Sara's client told it so: the key was withheld because the device is not signed by Max.
    expect(atRogue.decryptionFailureReason).toBe(DecryptionFailureCode.MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE);
    expect(JSON.stringify(atRogue.getContent())).not.toContain(text);
  });

  it('what that device sends is not decrypted by Max’s other devices or Sara, and is flagged', async () => {
    // An attacker's client would not hold back: it shares its keys with everyone.
    rogue.client.getCrypto()?.setDeviceIsolationMode(new AllDevicesIsolationMode(false));
    const forged = `Bitte sofort überweisen ${RUN}`;
    const forgedId = (await rogue.client.sendTextMessage(roomId, forged)).event_id;
    for (const device of [sara, maxSecond]) {
      const item = await waitFor(`the forged message at ${device.client.getDeviceId()}`, () =>
        timelineItems(device.client.getRoom(roomId)!, device.userId).find(
          (i) => i.id === forgedId && i.kind !== 'decrypting',
        ),
      );
      expect(item.body).not.toContain('überweisen');
      expect(item).toMatchObject({ kind: 'undecryptable', fromUnconfirmedDevice: true });
    }
  });

  it('a server admin’s “log in as user” gets a token without a device, which cannot upload encryption keys', async () => {
    const puppet = await adminLoginAs(maxFirst.userId);
    expect(puppet.deviceId).toBeUndefined();
    const upload = await fetch(`${env('MATRIX_HOMESERVER_URL')}/_matrix/client/v3/keys/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${puppet.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ one_time_keys: {} }),
    });
    expect(upload.status).toBe(400);
  });
});
