import {
  Direction,
  EventType,
  KnownMembership,
  MsgType,
  NotificationCountType,
  ReceiptType,
  RelationType,
  type MatrixClient,
  type Room,
} from 'matrix-js-sdk';
import type { RoomMessageEventContent } from 'matrix-js-sdk/lib/@types/events.js';
import type { EncryptedFile } from 'matrix-js-sdk/lib/types.js';
import { markdownToHtml } from '../formatting';
import { decryptAttachment, encryptAttachment } from './attachmentCrypto';
import type { Attachment } from './timeline';

/** What the person may see of a room's chat on this device. */
export type ChatAccess = 'joined' | 'invited' | 'none';

export function chatAccess(client: MatrixClient, roomId: string): ChatAccess {
  const membership = client.getRoom(roomId)?.getMyMembership();
  if (membership === KnownMembership.Join) return 'joined';
  if (membership === KnownMembership.Invite) return 'invited';
  return 'none';
}

/** Markdown typed in the composer, sent with its HTML body too where it formats anything. */
function formatted(body: string): { format: 'org.matrix.custom.html'; formatted_body: string } | object {
  const html = markdownToHtml(body);
  return html === undefined ? {} : { format: 'org.matrix.custom.html', formatted_body: html };
}

export function sendMessage(client: MatrixClient, roomId: string, body: string, replyTo?: string): Promise<unknown> {
  const content: RoomMessageEventContent = {
    msgtype: MsgType.Text,
    body,
    ...formatted(body),
    ...(replyTo ? { 'm.relates_to': { 'm.in_reply_to': { event_id: replyTo } } } : {}),
  };
  return client.sendMessage(roomId, content);
}

/** Replaces a message's text; other clients show the new text with an "edited" mark. */
export function editMessage(client: MatrixClient, roomId: string, eventId: string, body: string): Promise<unknown> {
  return client.sendMessage(roomId, {
    msgtype: MsgType.Text,
    body: `* ${body}`,
    'm.new_content': { msgtype: MsgType.Text, body, ...formatted(body) },
    'm.relates_to': { rel_type: RelationType.Replace, event_id: eventId },
  });
}

export function deleteMessage(client: MatrixClient, roomId: string, eventId: string): Promise<unknown> {
  return client.redactEvent(roomId, eventId);
}

export function react(client: MatrixClient, roomId: string, eventId: string, key: string): Promise<unknown> {
  return client.sendEvent(roomId, EventType.Reaction, {
    'm.relates_to': { rel_type: RelationType.Annotation, event_id: eventId, key },
  });
}

export function setTyping(client: MatrixClient, roomId: string, typing: boolean): Promise<unknown> {
  return client.sendTyping(roomId, typing, typing ? 6000 : 0).catch(() => undefined);
}

/** Everything up to the newest event is read: receipt and fully-read marker, so counts drop everywhere. */
export async function markRead(client: MatrixClient, room: Room): Promise<void> {
  const events = room.getLiveTimeline().getEvents();
  const last = [...events].reverse().find((e) => e.getId() && !e.getId()?.startsWith('~'));
  if (!last) return;
  const me = client.getUserId() ?? '';
  if (
    room.hasUserReadEvent(me, last.getId() ?? '') &&
    room.getUnreadNotificationCount(NotificationCountType.Total) === 0
  ) {
    return;
  }
  await client.setRoomReadMarkers(room.roomId, last.getId() ?? '', last).catch(() => undefined);
  await client.sendReadReceipt(last, ReceiptType.Read).catch(() => undefined);
}

/** Loads up to `limit` older events; false once the room's beginning is reached. */
export async function loadOlder(client: MatrixClient, room: Room, limit = 30): Promise<boolean> {
  return client.paginateEventTimeline(room.getLiveTimeline(), { backwards: true, limit });
}

/** Whether older events are still to be loaded: the homeserver gives a token even when the room's start is in view. */
export function hasOlder(room: Room): boolean {
  const timeline = room.getLiveTimeline();
  if (timeline.getPaginationToken(Direction.Backward) === null) return false;
  return !timeline.getEvents().some((e) => e.getType() === EventType.RoomCreate);
}

export function unreadOf(room: Room | null): { count: number; highlight: boolean } {
  if (!room) return { count: 0, highlight: false };
  return {
    count: room.getUnreadNotificationCount(NotificationCountType.Total),
    highlight: room.getUnreadNotificationCount(NotificationCountType.Highlight) > 0,
  };
}

/** Names of the others typing in the room right now. */
export function typingNames(room: Room, me: string): string[] {
  return room
    .getMembers()
    .filter((m) => m.typing && m.userId !== me)
    .map((m) => m.name);
}

/** The homeserver's upload limit in bytes, if it tells one. */
export async function uploadLimit(client: MatrixClient): Promise<number | undefined> {
  try {
    const config = await client.getMediaConfig(true);
    return typeof config['m.upload.size'] === 'number' ? config['m.upload.size'] : undefined;
  } catch {
    return undefined;
  }
}

export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`file larger than ${limit} bytes`);
  }
}

/**
 * Sends a file. In an encrypted room the file is encrypted in the browser first
 * (AES-CTR, key only inside the encrypted event), so the media repository
 * stores ciphertext without a name.
 */
export async function sendAttachment(
  client: MatrixClient,
  roomId: string,
  file: File,
  options: { limit: number | undefined; onProgress: (loaded: number, total: number) => void; signal?: AbortSignal },
): Promise<void> {
  if (options.limit !== undefined && file.size > options.limit) throw new TooLarge(options.limit);
  const room = client.getRoom(roomId);
  // A room this device has not synced yet could be encrypted without its knowing: never guess.
  if (!room) throw new Error('the room is not known on this device yet');
  const encrypted =
    room.hasEncryptionStateEvent() || ((await client.getCrypto()?.isEncryptionEnabledInRoom(roomId)) ?? false);
  const mimetype = file.type || 'application/octet-stream';
  const abortController = new AbortController();
  options.signal?.addEventListener('abort', () => abortController.abort());
  const progressHandler = ({ loaded, total }: { loaded: number; total: number }) => options.onProgress(loaded, total);
  const msgtype = mimetype.startsWith('image/') ? MsgType.Image : MsgType.File;
  const info = { size: file.size, mimetype };
  if (encrypted) {
    const { data, key } = await encryptAttachment(await file.arrayBuffer());
    const upload = await client.uploadContent(new Blob([data]), {
      type: 'application/octet-stream',
      includeFilename: false,
      progressHandler,
      abortController,
    });
    const fileInfo: EncryptedFile = { ...key, url: upload.content_uri };
    await client.sendMessage(roomId, {
      msgtype,
      body: file.name,
      filename: file.name,
      info,
      file: fileInfo,
    } as RoomMessageEventContent);
    return;
  }
  const upload = await client.uploadContent(file, {
    type: mimetype,
    name: file.name,
    progressHandler,
    abortController,
  });
  await client.sendMessage(roomId, {
    msgtype,
    body: file.name,
    filename: file.name,
    info,
    url: upload.content_uri,
  } as RoomMessageEventContent);
}

/** The attachment's content, decrypted if it was sent encrypted. Media downloads are authenticated. */
export async function fetchAttachment(client: MatrixClient, attachment: Attachment): Promise<Blob> {
  const mxc = attachment.encrypted?.url ?? attachment.url;
  if (!mxc) throw new Error('attachment without a media URL');
  const url = client.mxcUrlToHttp(mxc, undefined, undefined, undefined, false, true, true);
  if (!url) throw new Error('not a media URL');
  const response = await fetch(url, { headers: { Authorization: `Bearer ${client.getAccessToken() ?? ''}` } });
  if (!response.ok) throw new Error(`media download failed (${response.status})`);
  const data = await response.arrayBuffer();
  const type = attachment.mimetype ?? 'application/octet-stream';
  if (!attachment.encrypted) return new Blob([data], { type });
  const clear = await decryptAttachment(data, attachment.encrypted);
  return new Blob([clear], { type });
}
