import type { GeneratedSecretStorageKey } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { describe, expect, it, vi } from 'vitest';
import type { ChatSession } from './chatSession';
import { Refused, StandInClient } from './matrixStandIn';
import { WrongRecoveryKey } from './security';
import {
  KeyBackupSetUpViewModel,
  RecoveryViewModel,
  type SecurityConnection,
  type SecuritySteps,
} from './securityViewModels';

const ME = '@bernd:amt.example';
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const generated: GeneratedSecretStorageKey = { privateKey: new Uint8Array([1, 2, 3]), encodedPrivateKey: 'EsTc 1234' };

function setUp(steps: Partial<SecuritySteps> = {}) {
  const session: ChatSession = {
    client: new StandInClient(ME).asClient,
    userId: ME,
    stop: () => Promise.resolve(),
  };
  const lent: Uint8Array[] = [];
  const connection: SecurityConnection = {
    withRecoveryKey: (key, work) => {
      lent.push(key);
      return work();
    },
    refreshSecurity: vi.fn(() => Promise.resolve()),
  };
  const all: SecuritySteps = {
    newRecoveryKey: () => Promise.resolve(generated),
    setUpKeyBackup: (_session, key, withKey) => withKey(key.privateKey!, () => Promise.resolve()),
    recoverWithKey: (_session, _text, withKey, onProgress) =>
      withKey(new Uint8Array([9]), () => {
        onProgress(1, 2);
        onProgress(2, 2);
        return Promise.resolve({ imported: 2, total: 2 });
      }),
    ...steps,
  };
  return { session, connection, lent, steps: all };
}

describe('KeyBackupSetUpViewModel', () => {
  it('shows the new recovery key, and sets the backup up with it lent to the crypto', async () => {
    const { session, connection, lent, steps } = setUp();
    const vm = new KeyBackupSetUpViewModel({ session, connection, steps });
    const changes = vi.fn();
    vm.subscribe(changes);
    expect(vm.getSnapshot().key).toBeUndefined();
    await settled();
    expect(vm.getSnapshot()).toEqual({ key: generated, busy: false, failed: false });

    const confirming = vm.confirm();
    expect(vm.getSnapshot().busy).toBe(true);
    expect(await confirming).toBe(true);
    expect(lent).toEqual([generated.privateKey]);
    expect(vm.getSnapshot()).toEqual({ key: generated, busy: false, failed: false });
    expect(changes).toHaveBeenCalledTimes(3);
  });

  it('says so in its snapshot when the key cannot be made or the backup not set up, and may be tried again', async () => {
    const noKey = setUp({ newRecoveryKey: () => Promise.reject(new Refused('createRecoveryKeyFromPassphrase')) });
    const withoutKey = new KeyBackupSetUpViewModel(noKey);
    await settled();
    expect(withoutKey.getSnapshot()).toMatchObject({ key: undefined, failed: true });
    expect(await withoutKey.confirm()).toBe(false);

    let attempts = 0;
    const refused = setUp({
      setUpKeyBackup: () =>
        ++attempts === 1 ? Promise.reject(new Refused('bootstrapSecretStorage')) : Promise.resolve(),
    });
    const vm = new KeyBackupSetUpViewModel(refused);
    await settled();
    expect(await vm.confirm()).toBe(false);
    expect(vm.getSnapshot()).toMatchObject({ busy: false, failed: true });
    expect(await vm.confirm()).toBe(true);
    expect(vm.getSnapshot().failed).toBe(false);
  });

  it('emits nothing once disposed, however late the key arrives', async () => {
    const { session, connection, steps } = setUp();
    const vm = new KeyBackupSetUpViewModel({ session, connection, steps });
    const changes = vi.fn();
    vm.subscribe(changes);
    vm.dispose();
    await settled();
    expect(vm.getSnapshot().key).toBeUndefined();
    expect(changes).not.toHaveBeenCalled();
  });
});

describe('RecoveryViewModel', () => {
  it('restores with the typed key, shows the progress, and has the connection read its security again', async () => {
    const { session, connection, lent, steps } = setUp();
    const vm = new RecoveryViewModel({ session, connection, steps });
    const seen: unknown[] = [];
    vm.subscribe(() => seen.push(vm.getSnapshot().progress));
    expect(await vm.recover('EsTc 1234')).toBe(2);
    expect(seen).toEqual([undefined, { done: 1, total: 2 }, { done: 2, total: 2 }, { done: 2, total: 2 }]);
    expect(lent).toHaveLength(1);
    expect(connection.refreshSecurity).toHaveBeenCalledOnce();
    expect(vm.getSnapshot()).toMatchObject({ busy: false, problem: undefined });
  });

  it('tells a wrong key from another failure in its snapshot, and clears it on the next attempt', async () => {
    let failure: Error = new WrongRecoveryKey();
    const { session, connection, steps } = setUp({ recoverWithKey: () => Promise.reject(failure) });
    const vm = new RecoveryViewModel({ session, connection, steps });
    expect(await vm.recover('falsch')).toBeUndefined();
    expect(vm.getSnapshot()).toMatchObject({ busy: false, problem: 'wrong-key' });

    failure = new Refused('restoreKeyBackup');
    const again = vm.recover('EsTc 1234');
    expect(vm.getSnapshot()).toMatchObject({ busy: true, problem: undefined });
    await again;
    expect(vm.getSnapshot()).toMatchObject({ busy: false, problem: 'failed' });
    expect(connection.refreshSecurity).not.toHaveBeenCalled();
  });

  it('ignores an empty key and a second attempt while one is under way', async () => {
    const recoverWithKey = vi.fn(() => Promise.resolve({ imported: 0, total: 0 }));
    const { session, connection, steps } = setUp({ recoverWithKey });
    const vm = new RecoveryViewModel({ session, connection, steps });
    expect(await vm.recover('   ')).toBeUndefined();
    const first = vm.recover('EsTc 1234');
    expect(await vm.recover('EsTc 1234')).toBeUndefined();
    expect(await first).toBe(0);
    expect(recoverWithKey).toHaveBeenCalledOnce();
  });
});
