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

/** The lifecycle of this browser's chat device, explicit so no view guesses whether the client is usable. */
export type ChatState =
  | { kind: 'idle' }
  | { kind: 'needs-login'; server: ChatServer; userId: string }
  | { kind: 'connecting'; server: ChatServer; userId: string }
  | { kind: 'ready'; server: ChatServer; session: ChatSession; security: Security }
  | { kind: 'failed'; server: ChatServer; userId: string; reason: 'network' | 'crypto' | 'unknown' };

type Listener = () => void;

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
 * The one chat device of this tab. Lives outside React so that re-renders and
 * strict-mode double effects never start two clients on one key store.
 */
export class ChatConnection {
  private state: ChatState = { kind: 'idle' };
  private readonly listeners = new Set<Listener>();
  private generation = 0;
  /** The recovery key the person just typed, handed to the crypto when it asks. */
  private recoveryKey: Uint8Array<ArrayBuffer> | undefined;
  private securityReadsBegun = 0;
  private securityReadApplied = 0;
  /** Tells the workspace session which chat device this tab uses; undefined while signed out. */
  private binder: ((deviceId: string) => Promise<void>) | undefined;
  /** The device last told to which binder (each workspace session has its own). */
  private bound: { binder: (deviceId: string) => Promise<void>; deviceId: string } | undefined;

  constructor(private readonly deps: ChatConnectionDeps = browserDeps) {}

  getState = (): ChatState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: ChatState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  /** Opens the chat for `userId`: with this browser's device if it has one, else it needs a sign-on. */
  connect(server: ChatServer, userId: string): void {
    const s = this.state;
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
      session.client.on(HttpApiEvent.SessionLoggedOut, () => {
        forgetDevice();
        void this.disconnect().then(() => this.set({ kind: 'needs-login', server, userId: device.userId }));
      });
      const refresh = () => void this.refreshSecurity();
      session.client.on(CryptoEvent.KeyBackupStatus, refresh);
      session.client.on(CryptoEvent.UserTrustStatusChanged, refresh);
      session.client.on(CryptoEvent.DevicesUpdated, refresh);
      session.client.on(ClientEvent.AccountData, refresh);
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
    this.set({ ...now, security });
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

  async disconnect(): Promise<void> {
    this.generation++;
    const s = this.state;
    this.state = { kind: 'idle' };
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
    this.set({ kind: 'idle' });
    if (s.kind === 'ready') {
      await s.session.client.logout(true).catch(() => undefined);
    }
    if (device && typeof indexedDB !== 'undefined') {
      const prefix = cryptoDatabaseName(device);
      const databases = await indexedDB.databases().catch(() => []);
      for (const db of databases) {
        if (db.name?.startsWith(prefix)) indexedDB.deleteDatabase(db.name);
      }
    }
  }
}

export const chatConnection = new ChatConnection();
