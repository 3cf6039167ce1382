import type { GeneratedSecretStorageKey } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { ViewModel } from '../viewModel';
import type { ChatConnection } from './chatConnection';
import type { ChatSession } from './chatSession';
import { newRecoveryKey, recoverWithKey, setUpKeyBackup, WrongRecoveryKey } from './security';

/** What the security dialogs need of the connection: the recovery key lent to the crypto, and a fresh look. */
export type SecurityConnection = Pick<ChatConnection, 'withRecoveryKey' | 'refreshSecurity'>;

/** The crypto steps of the dialogs; tests give their own. */
export interface SecuritySteps {
  newRecoveryKey: typeof newRecoveryKey;
  setUpKeyBackup: typeof setUpKeyBackup;
  recoverWithKey: typeof recoverWithKey;
}

const cryptoSteps: SecuritySteps = { newRecoveryKey, setUpKeyBackup, recoverWithKey };

interface SecurityOptions {
  connection: SecurityConnection;
  session: ChatSession;
  steps?: SecuritySteps;
}

/** A step of the chat's security the person takes in a dialog, on the running session. */
abstract class SecurityStepViewModel<S> extends ViewModel<S> {
  protected readonly session: ChatSession;
  protected readonly steps: SecuritySteps;
  private readonly connection: SecurityConnection;

  protected constructor(start: S, { connection, session, steps }: SecurityOptions) {
    super(start);
    this.connection = connection;
    this.session = session;
    this.steps = steps ?? cryptoSteps;
  }

  /** Lends the recovery key to the crypto while `work` runs. */
  protected readonly withKey = <T>(key: Uint8Array<ArrayBuffer>, work: () => Promise<T>): Promise<T> =>
    this.connection.withRecoveryKey(key, work);

  /** The crypto's own events may all have come before a step's last upload: the connection looks again. */
  protected lookAgain(): void {
    void this.connection.refreshSecurity();
  }
}

export interface KeyBackupSetUpSnapshot {
  /** The new recovery key to show, once made. */
  key: GeneratedSecretStorageKey | undefined;
  busy: boolean;
  /** Making the key or setting up the backup failed; cleared when the person tries again. */
  failed: boolean;
}

/** Before the recovery key is made. */
export const keyBackupSetUpStart: KeyBackupSetUpSnapshot = { key: undefined, busy: false, failed: false };

/**
 * Setting up key backup on the account's first device: a recovery key is made at once and shown;
 * once the person has kept it, cross-signing, secret storage and the backup are set up with it.
 */
export class KeyBackupSetUpViewModel extends SecurityStepViewModel<KeyBackupSetUpSnapshot> {
  constructor(options: SecurityOptions) {
    super(keyBackupSetUpStart, options);
    this.steps.newRecoveryKey(this.session).then(
      (key) => this.patch({ key }),
      () => this.patch({ failed: true }),
    );
  }

  /** Sets the backup up with the key shown; true once done, false if it failed (the snapshot says so). */
  confirm = async (): Promise<boolean> => {
    const { key, busy } = this.getSnapshot();
    if (!key || busy) return false;
    this.patch({ busy: true, failed: false });
    try {
      await this.steps.setUpKeyBackup(this.session, key, this.withKey);
      this.patch({ busy: false });
      return true;
    } catch {
      this.patch({ busy: false, failed: true });
      return false;
    }
  };
}

export interface RecoverySnapshot {
  busy: boolean;
  /** Room keys restored from the backup so far, while they are restored. */
  progress: { done: number; total: number } | undefined;
  /** Why the last attempt failed: the key does not fit the account, or something else. */
  problem: 'wrong-key' | 'failed' | undefined;
}

/** Before the person tries a key. */
export const recoveryStart: RecoverySnapshot = { busy: false, progress: undefined, problem: undefined };

/**
 * Confirming a further device with the recovery key: the device is signed, the backup's room keys
 * are restored (with progress), and the connection reads its security again.
 */
export class RecoveryViewModel extends SecurityStepViewModel<RecoverySnapshot> {
  constructor(options: SecurityOptions) {
    super(recoveryStart, options);
  }

  /** Recovers with the typed key; the number of room keys restored, or undefined if it failed (see the snapshot). */
  recover = async (recoveryKey: string): Promise<number | undefined> => {
    if (this.getSnapshot().busy || recoveryKey.trim() === '') return undefined;
    this.patch({ busy: true, problem: undefined });
    try {
      const { imported } = await this.steps.recoverWithKey(this.session, recoveryKey, this.withKey, (done, total) =>
        this.patch({ progress: { done, total } }),
      );
      this.lookAgain();
      this.patch({ busy: false });
      return imported;
    } catch (error) {
      this.patch({ busy: false, problem: error instanceof WrongRecoveryKey ? 'wrong-key' : 'failed' });
      return undefined;
    }
  };
}
