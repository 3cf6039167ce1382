import { decodeRecoveryKey, type GeneratedSecretStorageKey } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { ChatSession } from './chatSession';

/**
 * Where this device stands with cross-signing and key backup:
 * - `needs-setup`: this device holds the account's cross-signing identity, but there is no key
 *   backup yet; messages would be lost with the last device.
 * - `needs-first-device`: this device is not signed, and there is no key backup it could be
 *   confirmed with yet: the browser that first used the chat sets it up.
 * - `needs-recovery`: the account has a key backup, but this device is not signed (verified)
 *   or cannot read the backup yet. Until it is `signed` it gets no room keys and cannot send.
 * - `ready`: this device is signed and backs up (and can restore) its keys.
 */
export type Security =
  | { kind: 'unavailable' }
  | { kind: 'needs-setup' }
  | { kind: 'needs-first-device' }
  | { kind: 'needs-recovery'; signed: boolean }
  | { kind: 'ready' };

export async function readSecurity(session: ChatSession): Promise<Security> {
  const crypto = session.client.getCrypto();
  if (!crypto) return { kind: 'unavailable' };
  try {
    const deviceId = session.client.getDeviceId() ?? '';
    const [backup, hasCrossSigning, status, active] = await Promise.all([
      crypto.getKeyBackupInfo(),
      crypto.userHasCrossSigningKeys(session.userId, true),
      crypto.getDeviceVerificationStatus(session.userId, deviceId),
      crypto.getActiveSessionBackupVersion(),
    ]);
    const signed = status?.crossSigningVerified === true;
    if (!backup) return signed || !hasCrossSigning ? { kind: 'needs-setup' } : { kind: 'needs-first-device' };
    return signed && active ? { kind: 'ready' } : { kind: 'needs-recovery', signed };
  } catch {
    return { kind: 'unavailable' };
  }
}

/** A new recovery key, shown to the person once; only its holder can restore the keys. */
export async function newRecoveryKey(session: ChatSession): Promise<GeneratedSecretStorageKey> {
  const crypto = session.client.getCrypto();
  if (!crypto) throw new Error('encryption is not available');
  return crypto.createRecoveryKeyFromPassphrase();
}

type WithKey = <T>(key: Uint8Array<ArrayBuffer>, work: () => Promise<T>) => Promise<T>;

/**
 * First device of an account: cross-signing identity, secret storage protected
 * by the recovery key, and a key backup that every device of the account adds
 * its room keys to. Uploading the first cross-signing keys needs no password
 * (MSC3967), which matters because accounts here sign in only through Keycloak.
 */
export async function setUpKeyBackup(
  session: ChatSession,
  key: GeneratedSecretStorageKey,
  withKey: WithKey,
): Promise<void> {
  const crypto = session.client.getCrypto();
  if (!crypto || !key.privateKey) throw new Error('encryption is not available');
  await withKey(key.privateKey, async () => {
    await crypto.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: async (makeRequest) => {
        await makeRequest(null);
      },
    });
    await crypto.bootstrapSecretStorage({
      createSecretStorageKey: () => Promise.resolve(key),
      setupNewSecretStorage: true,
      setupNewKeyBackup: true,
    });
  });
}

export class WrongRecoveryKey extends Error {
  constructor() {
    super('the recovery key does not match this account');
  }
}

export function parseRecoveryKey(text: string): Uint8Array<ArrayBuffer> {
  try {
    return decodeRecoveryKey(text.trim());
  } catch {
    throw new WrongRecoveryKey();
  }
}

/**
 * Another device: the recovery key unlocks secret storage, this device is
 * signed by the account's cross-signing key (so it is verified), and every room
 * key in the backup is restored, so the history becomes readable.
 */
export async function recoverWithKey(
  session: ChatSession,
  recoveryKey: string,
  withKey: WithKey,
  onProgress: (done: number, total: number) => void,
): Promise<{ imported: number; total: number }> {
  const { client } = session;
  const crypto = client.getCrypto();
  if (!crypto) throw new Error('encryption is not available');
  const key = parseRecoveryKey(recoveryKey);
  const defaultKey = await client.secretStorage.getKey();
  if (!defaultKey || !(await client.secretStorage.checkKey(key, defaultKey[1]))) throw new WrongRecoveryKey();
  return withKey(key, async () => {
    await crypto.bootstrapCrossSigning({});
    await crypto.loadSessionBackupPrivateKeyFromSecretStorage();
    await crypto.checkKeyBackupAndEnable();
    const result = await crypto.restoreKeyBackup({
      progressCallback: (progress) => {
        if (progress.stage === 'load_keys') onProgress(progress.successes + progress.failures, progress.total);
      },
    });
    return { imported: result.imported, total: result.total };
  });
}
