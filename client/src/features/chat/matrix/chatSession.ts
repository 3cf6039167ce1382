import {
  ClientEvent,
  createClient,
  EventType,
  MatrixEventEvent,
  MsgType,
  RoomEvent,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
  type Room,
} from 'matrix-js-sdk';
import { logger as sdkLogger, type Logger } from 'matrix-js-sdk/lib/logger.js';
import { OnlySignedDevicesIsolationMode } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { SecretStorageKeyDescription } from 'matrix-js-sdk/lib/secret-storage.js';
import { ChatTokenKeeper, type ChatCredentials, type ChatTokenStore } from './chatTokens';

// The SDK narrates every request and sync step; warnings and errors are what anyone needs.
(sdkLogger as unknown as { setLevel?: (level: string) => void }).setLevel?.('warn');
const ignore = () => undefined;
function quietLogger(prefix: string): Logger {
  return {
    trace: ignore,
    debug: ignore,
    info: ignore,
    // eslint-disable-next-line no-console -- the SDK's own warnings, for whoever debugs the chat
    warn: (...msg: unknown[]) => console.warn(prefix, ...msg),
    // eslint-disable-next-line no-console -- the SDK's own errors, for whoever debugs the chat
    error: (...msg: unknown[]) => console.error(prefix, ...msg),
    getChild: (namespace: string) => quietLogger(`${prefix} ${namespace}`),
  };
}

export type { ChatCredentials } from './chatTokens';

export interface ChatSession {
  client: MatrixClient;
  userId: string;
  /** Stops syncing; the device stays signed in. */
  stop(): Promise<void>;
}

/** Supplies the secret storage (recovery) key when the crypto needs it, or null if none is at hand. */
export type SecretStorageKeySource = (
  keys: Record<string, SecretStorageKeyDescription>,
) => Promise<[string, Uint8Array<ArrayBuffer>] | null>;

export interface ChatSessionOptions {
  /** 'indexeddb' keeps the device's keys across reloads (browser); 'memory' is for Node. */
  cryptoStore?: 'indexeddb' | 'memory';
  secretStorageKey?: SecretStorageKeySource;
  /** Events loaded per room at the first sync. */
  initialSyncLimit?: number;
  /**
   * 'if-missing' (default): an account without a cross-signing identity gets
   * one from this device, which thereby signs itself. 'never' leaves it alone.
   */
  crossSigning?: 'if-missing' | 'never';
  /** Where refreshed tokens are kept (the browser's storage); default: only in memory. */
  tokenStore?: ChatTokenStore;
}

/** The IndexedDB name of a device's keys; one database per account and device, never shared. */
export function cryptoDatabaseName(credentials: Pick<ChatCredentials, 'userId' | 'deviceId'>): string {
  return `arbeitsbereich-crypto:${credentials.userId}:${credentials.deviceId}`;
}

function firstSync(client: MatrixClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const onSync = (state: SyncState, _previous: SyncState | null, data?: { error?: Error }) => {
      if (state === SyncState.Prepared || state === SyncState.Syncing) {
        client.off(ClientEvent.Sync, onSync);
        resolve();
      } else if (state === SyncState.Error && data?.error && isAuthFailure(data.error)) {
        client.off(ClientEvent.Sync, onSync);
        reject(data.error);
      }
    };
    client.on(ClientEvent.Sync, onSync);
  });
}

/** The homeserver no longer accepts this device's token (signed out elsewhere, deactivated). */
export function isAuthFailure(error: unknown): boolean {
  const e = error as { errcode?: unknown; httpStatus?: unknown } | null;
  return e?.errcode === 'M_UNKNOWN_TOKEN' || e?.httpStatus === 401;
}

/**
 * Starts a chat device: end-to-end encryption (the Rust crypto) first, then the
 * sync. Resolves once the first sync is in, so rooms and their recent history
 * are there.
 */
export async function startChatSession(
  credentials: ChatCredentials,
  options: ChatSessionOptions = {},
): Promise<ChatSession> {
  const secretStorageKey = options.secretStorageKey;
  let kept = credentials;
  const memory: ChatTokenStore = { load: () => kept, save: (device) => (kept = device) };
  // Every request of the client goes through the keeper, which refreshes an expiring access token.
  let useToken: (accessToken: string) => void = () => undefined;
  const tokens = new ChatTokenKeeper(credentials, {
    store: options.tokenStore ?? memory,
    onRefreshed: (device) => useToken(device.accessToken),
  });
  const client = createClient({
    baseUrl: credentials.homeserverUrl,
    userId: credentials.userId,
    deviceId: credentials.deviceId,
    accessToken: await tokens.fresh().catch(() => credentials.accessToken),
    fetchFn: tokens.fetch,
    timelineSupport: true,
    logger: quietLogger('[chat]'),
    cryptoCallbacks: secretStorageKey ? { getSecretStorageKey: ({ keys }) => secretStorageKey(keys) } : {},
  });
  // The client's own copy (media downloads read it) follows every refresh.
  useToken = (accessToken) => client.setAccessToken(accessToken);
  const inBrowser = (options.cryptoStore ?? 'indexeddb') === 'indexeddb';
  // A start that fails midway (a rate limit, say) leaves nothing running: a retry starts afresh on the key store.
  try {
    await client.initRustCrypto(
      inBrowser
        ? { useIndexedDB: true, cryptoDatabasePrefix: cryptoDatabaseName(credentials) }
        : { useIndexedDB: false },
    );
    // Room keys go only to devices their owner has cross-signed, and only messages from such devices
    // are decrypted ("exclude insecure devices", MSC4153): a device someone else made for the account
    // (an application service's or a server admin's login) learns nothing (ADR 0019).
    client.getCrypto()?.setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());
    const ready = firstSync(client);
    await client.startClient({ initialSyncLimit: options.initialSyncLimit ?? 30, lazyLoadMembers: false });
    await ready;
  } catch (error) {
    client.stopClient();
    throw error;
  }
  if ((options.crossSigning ?? 'if-missing') === 'if-missing') await ensureCrossSigning(client, credentials.userId);
  return {
    client,
    userId: credentials.userId,
    stop: () => {
      client.stopClient();
      return Promise.resolve();
    },
  };
}

/**
 * The first device of an account creates its cross-signing identity and signs
 * itself with it, so that it can send (keys are shared only by and with signed
 * devices) and others' devices share keys with it. Uploading the first
 * identity needs no password (MSC3967). A further device is signed only once
 * the person confirms it with the recovery key (security.ts). A failure leaves
 * the device unsigned; the security banner then shows what is missing.
 */
async function ensureCrossSigning(client: MatrixClient, userId: string): Promise<void> {
  const crypto = client.getCrypto();
  if (!crypto) return;
  try {
    if (await crypto.userHasCrossSigningKeys(userId, true)) return;
    await crypto.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: async (makeRequest) => {
        await makeRequest(null);
      },
    });
    // The crypto learns of its own new signature from the homeserver a moment later (the next
    // sync's device list change); until then it would still call this device unverified.
    const deviceId = client.getDeviceId() ?? '';
    for (let waited = 0; waited < 10_000; waited += 200) {
      if ((await crypto.getDeviceVerificationStatus(userId, deviceId))?.crossSigningVerified) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    // eslint-disable-next-line no-console -- for whoever debugs the chat; the banner tells the person
    console.warn('[chat] cross-signing could not be set up', error);
  }
}

/** Sends a plain text message; answers the event id once the homeserver has it. */
export async function sendText(session: ChatSession, roomId: string, body: string): Promise<string> {
  const { event_id } = await session.client.sendMessage(roomId, { msgtype: MsgType.Text, body });
  return event_id;
}

export interface TextMessage {
  roomId: string;
  eventId: string;
  sender: string;
  body: string;
}

function textOf(event: MatrixEvent, room: Room | undefined): TextMessage | undefined {
  if (event.getType() !== EventType.RoomMessage || event.isDecryptionFailure() || !room) return undefined;
  const content = event.getContent<{ msgtype?: string; body?: unknown }>();
  if (content.msgtype !== MsgType.Text || typeof content.body !== 'string') return undefined;
  const eventId = event.getId();
  const sender = event.getSender();
  if (!eventId || !sender) return undefined;
  return { roomId: room.roomId, eventId, sender, body: content.body };
}

/**
 * Text messages arriving live (after the first sync), decrypted. Encrypted
 * events arrive first as `m.room.encrypted` and are reported once decrypted.
 */
export function onTextMessage(session: ChatSession, listener: (message: TextMessage) => void): () => void {
  const { client } = session;
  const seen = new Set<string>();
  const report = (event: MatrixEvent, room: Room | undefined) => {
    const message = textOf(event, room);
    if (!message || seen.has(message.eventId)) return;
    seen.add(message.eventId);
    listener(message);
  };
  const onTimeline = (event: MatrixEvent, room: Room | undefined, toStartOfTimeline: boolean | undefined) => {
    if (toStartOfTimeline) return;
    if (event.isBeingDecrypted() || event.isEncrypted()) {
      if (event.getClearContent()) report(event, room);
      else event.once(MatrixEventEvent.Decrypted, () => report(event, room));
      return;
    }
    report(event, room);
  };
  client.on(RoomEvent.Timeline, onTimeline);
  return () => {
    client.off(RoomEvent.Timeline, onTimeline);
  };
}
