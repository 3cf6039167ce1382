import { CryptoEvent } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { ClientEvent, HttpApiEvent } from 'matrix-js-sdk';
import {
  cryptoDatabaseName,
  isAuthFailure,
  startChatSession,
  type ChatCredentials,
  type ChatSession,
} from './chatSession';
import { forgetDevice, loadDevice, saveDevice, type ChatServer } from './ssoLogin';
import { readSecurity, type Security } from './security';
import { retryWhileRateLimited } from './rateLimit';
import { samePlain } from './samePlain';
import { ViewModel } from '../viewModel';

/** The lifecycle of this browser's chat device, explicit so no view guesses whether the client is usable. */
export type ChatState =
  | { kind: 'idle' }
  | { kind: 'needs-login'; server: ChatServer; userId: string }
  | { kind: 'connecting'; server: ChatServer; userId: string }
  | { kind: 'ready'; server: ChatServer; session: ChatSession; security: Security }
  | { kind: 'failed'; server: ChatServer; userId: string; reason: 'network' | 'crypto' | 'unknown' }
  /** Disposed with its provider: it never connects again. */
  | { kind: 'stopped' };

/** What a connection uses to start a device; tests give their own. */
export interface ChatConnectionDeps {
  startSession: typeof startChatSession;
  readSecurity: typeof readSecurity;
  sleep: (ms: number) => Promise<void>;
}

const browserDeps: ChatConnectionDeps = {
  startSession: startChatSession,
  readSecurity,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The one chat device of this tab, made and disposed by the chat's provider (ChatProvider.tsx),
 * which hands it to the views through React context. Views read its state as a snapshot; it
 * starts a client only when asked to connect, so re-renders never start two on one key store.
 */
export class ChatConnection extends ViewModel<ChatState> {
  private generation = 0;
  /** The recovery key the person just typed, handed to the crypto when it asks. */
  private recoveryKey: Uint8Array<ArrayBuffer> | undefined;
  private securityReadsBegun = 0;
  private securityReadApplied = 0;
  /** Tells the workspace session which chat device this tab uses; undefined while signed out. */
  private binder: ((deviceId: string) => Promise<void>) | undefined;
  /** The device last told to which binder (each workspace session has its own). */
  private bound: { binder: (deviceId: string) => Promise<void>; deviceId: string } | undefined;

  /** Removes the listeners put on the running session's client. */
  private unlisten: (() => void) | undefined;

  constructor(private readonly deps: ChatConnectionDeps = browserDeps) {
    super({ kind: 'idle' });
  }

  private get state(): ChatState {
    return this.getSnapshot();
  }

  private set(state: ChatState): void {
    this.setSnapshot(state);
  }

  /** Opens the chat for `userId`: with this browser's device if it has one, else it needs a sign-on. */
  connect(server: ChatServer, userId: string): void {
    const s = this.state;
    if (s.kind === 'stopped') return;
    if (s.kind !== 'idle' && s.kind !== 'failed') {
      const current = s.kind === 'ready' ? s.session.userId : s.userId;
      if (current === userId) return;
      void this.disconnect();
    }
    const device = loadDevice(server, userId);
    if (!device) {
      this.set({ kind: 'needs-login', server, userId });
      return;
    }
    void this.start(server, device);
  }

  /** A new device from the sign-on: kept for the next visit and started. */
  adopt(server: ChatServer, device: ChatCredentials): void {
    if (this.state.kind === 'stopped') return;
    saveDevice(device);
    void this.disconnect().then(() => this.start(server, device));
  }

  /**
   * How the workspace session learns of the chat device (ADR 0029): once told, the server logs the
   * device out when the session ends. Set by the app while signed in; each device is told once.
   */
  setDeviceBinder(binder: ((deviceId: string) => Promise<void>) | undefined): void {
    this.binder = binder;
    void this.bindDevice();
  }

  private async bindDevice(): Promise<void> {
    const s = this.state;
    const binder = this.binder;
    if (s.kind !== 'ready' || !binder) return;
    const deviceId = s.session.client.getDeviceId();
    if (!deviceId || (this.bound?.binder === binder && this.bound.deviceId === deviceId)) return;
    this.bound = { binder, deviceId };
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        await binder(deviceId);
        return;
      } catch (error) {
        // eslint-disable-next-line no-console -- for whoever debugs the chat; it is asked again below
        console.warn('[chat] the workspace could not be told of this chat device', error);
        await this.deps.sleep(2000 * 4 ** attempt);
        const now = this.state;
        if (this.binder !== binder || now.kind !== 'ready' || now.session !== s.session) return;
      }
    }
    // Asked again with the next binder or device.
    this.bound = undefined;
  }

  retry(): void {
    const s = this.state;
    if (s.kind === 'failed') this.connect(s.server, s.userId);
  }

  private async start(server: ChatServer, device: ChatCredentials): Promise<void> {
    if (this.isDisposed) return;
    const generation = ++this.generation;
    this.set({ kind: 'connecting', server, userId: device.userId });
    try {
      // A homeserver that limits us (429) is asked again after the wait it names, instead of failing.
      const session: ChatSession = await retryWhileRateLimited(
        () =>
          this.deps.startSession(device, {
            cryptoStore: 'indexeddb',
            // Refreshed tokens are stored at once: the next visit and the other tabs use them.
            tokenStore: { load: () => loadDevice(server, device.userId), save: saveDevice },
            secretStorageKey: async (keys) => {
              const key = this.recoveryKey;
              if (!key) return null;
              for (const [keyId, description] of Object.entries(keys)) {
                if (await session.client.secretStorage.checkKey(key, description)) return [keyId, key];
              }
              return null;
            },
          }),
        { sleep: this.deps.sleep, stillWanted: () => generation === this.generation },
      );
      if (generation !== this.generation) {
        await session.stop();
        return;
      }
      this.unlisten = this.listenTo(session, server, device.userId);
      this.set({ kind: 'ready', server, session, security: await this.deps.readSecurity(session) });
      void this.bindDevice();
    } catch (error) {
      if (generation !== this.generation) return;
      if (isAuthFailure(error)) {
        forgetDevice();
        this.set({ kind: 'needs-login', server, userId: device.userId });
        return;
      }
      const reason = error instanceof TypeError ? 'network' : /crypto|wasm/i.test(String(error)) ? 'crypto' : 'unknown';
      this.set({ kind: 'failed', server, userId: device.userId, reason });
    }
  }

  /** What the connection hears from a running session: its end at the homeserver, and changes of its security. */
  private listenTo(session: ChatSession, server: ChatServer, userId: string): () => void {
    const { client } = session;
    const loggedOut = () => {
      forgetDevice();
      void this.disconnect().then(() => this.set({ kind: 'needs-login', server, userId }));
    };
    const refresh = () => void this.refreshSecurity();
    const securityEvents = [
      CryptoEvent.KeyBackupStatus,
      CryptoEvent.UserTrustStatusChanged,
      CryptoEvent.DevicesUpdated,
      ClientEvent.AccountData,
    ] as const;
    client.on(HttpApiEvent.SessionLoggedOut, loggedOut);
    for (const name of securityEvents) client.on(name, refresh);
    return () => {
      client.off(HttpApiEvent.SessionLoggedOut, loggedOut);
      for (const name of securityEvents) client.off(name, refresh);
    };
  }

  /**
   * Re-reads whether key backup and this device's verification are in place.
   * Reads overlap (several crypto events come at once); the answer of the read
   * begun last wins, so an earlier, staler answer that arrives late never
   * replaces it, and a fresher one is never dropped for arriving second.
   */
  async refreshSecurity(): Promise<void> {
    const s = this.state;
    if (s.kind !== 'ready') return;
    const read = ++this.securityReadsBegun;
    const security = await this.deps.readSecurity(s.session);
    const now = this.state;
    if (now.kind !== 'ready' || now.session !== s.session || read < this.securityReadApplied) return;
    this.securityReadApplied = read;
    // Several crypto events often tell of one change: the views hear of it once.
    if (!samePlain(now.security, security)) this.set({ ...now, security });
  }

  /** Runs `work` with the recovery key available to the crypto, then forgets the key. */
  async withRecoveryKey<T>(key: Uint8Array<ArrayBuffer>, work: () => Promise<T>): Promise<T> {
    this.recoveryKey = key;
    try {
      return await work();
    } finally {
      this.recoveryKey = undefined;
      await this.refreshSecurity();
    }
  }

  disconnect(): Promise<void> {
    return this.end({ kind: 'idle' });
  }

  /** The end of the connection: the session stops, and nothing connects it again. */
  override dispose(): void {
    if (this.isDisposed) return;
    this.binder = undefined;
    void this.end({ kind: 'stopped' });
    super.dispose();
  }

  /** Stops the running session (a start under way is dropped when it arrives) and moves to `next`. */
  private async end(next: { kind: 'idle' | 'stopped' }): Promise<void> {
    this.generation++;
    const s = this.state;
    this.unlisten?.();
    this.unlisten = undefined;
    if (s.kind !== next.kind) this.set(next);
    if (s.kind === 'ready') await s.session.stop();
  }

  /**
   * Sign-out: the device is logged out at the homeserver and its keys are
   * deleted from this browser. Messages stay readable on the next sign-in
   * through key backup and the recovery key.
   */
  async signOut(): Promise<void> {
    const s = this.state;
    const device = forgetDevice();
    await this.disconnect();
    if (s.kind === 'ready') {
      await s.session.client.logout(true).catch(() => undefined);
    }
    await deleteKeys(device);
  }
}

/** Deletes a device's keys from this browser. */
async function deleteKeys(device: ChatCredentials | undefined): Promise<void> {
  if (!device || typeof indexedDB === 'undefined') return;
  const prefix = cryptoDatabaseName(device);
  const databases = await indexedDB.databases().catch(() => []);
  for (const db of databases) {
    if (db.name?.startsWith(prefix)) indexedDB.deleteDatabase(db.name);
  }
}

/** Sign-out before any connection exists in this tab: the stored device and its keys go all the same. */
export async function forgetBrowserDevice(): Promise<void> {
  await deleteKeys(forgetDevice());
}
