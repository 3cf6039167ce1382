import { EventStatus, EventType, MsgType, RelationType, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { DecryptionFailureCode } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { EncryptedFile } from 'matrix-js-sdk/lib/types.js';
import { type DocumentCard, documentCardOf } from '../documentCard';
import { type MeetingNotice, meetingNoticeOf } from '../meetingNotice';
import { sanitizeMessageHtml } from '../formatting';

export interface Attachment {
  name: string;
  size: number | undefined;
  mimetype: string | undefined;
  /** Encrypted rooms: the key and the mxc URL of the ciphertext. */
  encrypted: EncryptedFile | undefined;
  /** Unencrypted rooms: the plain mxc URL. */
  url: string | undefined;
}

export interface Reaction {
  key: string;
  count: number;
  senders: string[];
  /** The person's own reaction event with this key, to take it back. */
  mine: string | undefined;
}

export type ItemKind =
  'text' | 'notice' | 'emote' | 'image' | 'file' | 'redacted' | 'undecryptable' | 'decrypting' | 'membership';

export interface TimelineItem {
  /** The event id, or the local id while it is being sent. */
  id: string;
  kind: ItemKind;
  sender: string;
  senderName: string;
  timestamp: number;
  own: boolean;
  body: string;
  /** The message's HTML body (`org.matrix.custom.html`), cleaned for showing; undefined: plain text. */
  html: string | undefined;
  edited: boolean;
  replyTo: { id: string; senderName: string; body: string | undefined } | undefined;
  attachment: Attachment | undefined;
  reactions: Reaction[];
  state: 'sent' | 'sending' | 'failed';
  membership: { change: 'joined' | 'left' | 'removed' | 'invited' | 'banned'; target: string } | undefined;
  /** A document shared into the room by the workspace: shown as a card linking into the library. */
  document: DocumentCard | undefined;
  /** A meeting's start or end, told by the workspace: shown with names from the workspace. */
  meeting: MeetingNotice | undefined;
  /**
   * Not decrypted because the sending device is not cross-signed by its owner (or unknown): keys
   * from such devices are refused (ADR 0019).
   */
  fromUnconfirmedDevice: boolean;
}

interface MessageContent {
  msgtype?: string;
  body?: unknown;
  format?: unknown;
  formatted_body?: unknown;
  filename?: unknown;
  info?: { size?: unknown; mimetype?: unknown };
  file?: EncryptedFile;
  url?: unknown;
  'm.relates_to'?: { 'm.in_reply_to'?: { event_id?: string } };
}

const shownMessageTypes: Record<string, ItemKind> = {
  [MsgType.Text]: 'text',
  [MsgType.Notice]: 'notice',
  [MsgType.Emote]: 'emote',
  [MsgType.Image]: 'image',
  [MsgType.File]: 'file',
  [MsgType.Video]: 'file',
  [MsgType.Audio]: 'file',
};

function nameOf(room: Room, userId: string): string {
  return room.getMember(userId)?.name ?? userId;
}

function attachmentOf(content: MessageContent): Attachment {
  const name =
    typeof content.filename === 'string' ? content.filename : typeof content.body === 'string' ? content.body : '';
  return {
    name,
    size: typeof content.info?.size === 'number' ? content.info.size : undefined,
    mimetype: typeof content.info?.mimetype === 'string' ? content.info.mimetype : undefined,
    encrypted: content.file,
    url: typeof content.url === 'string' ? content.url : undefined,
  };
}

function reactionsOf(room: Room, eventId: string, me: string): Reaction[] {
  const relations = room.relations.getChildEventsForEvent(eventId, RelationType.Annotation, EventType.Reaction);
  const sorted = relations?.getSortedAnnotationsByKey() ?? [];
  const reactions: Reaction[] = [];
  for (const [key, events] of sorted) {
    const live = [...events].filter((e) => !e.isRedacted());
    if (live.length === 0) continue;
    const senders = live.map((e) => e.getSender() ?? '');
    reactions.push({
      key,
      count: live.length,
      senders: senders.map((s) => nameOf(room, s)),
      mine: live.find((e) => e.getSender() === me)?.getId(),
    });
  }
  return reactions;
}

function stateOf(event: MatrixEvent): TimelineItem['state'] {
  const status = event.getAssociatedStatus();
  if (status === EventStatus.NOT_SENT || status === EventStatus.CANCELLED) return 'failed';
  if (status === null || status === EventStatus.SENT) return 'sent';
  return 'sending';
}

function membershipOf(event: MatrixEvent): TimelineItem['membership'] {
  const now = event.getContent<{ membership?: string }>().membership;
  const before = event.getPrevContent() as { membership?: string };
  const target = event.getStateKey() ?? '';
  const self = target === event.getSender();
  if (now === 'join' && before.membership !== 'join') return { change: 'joined', target };
  if (now === 'leave' && before.membership === 'join') return { change: self ? 'left' : 'removed', target };
  if (now === 'invite') return { change: 'invited', target };
  if (now === 'ban') return { change: 'banned', target };
  return undefined;
}

/** One event as the timeline shows it, or undefined for events that are not shown (edits, reactions, state noise). */
export function toItem(room: Room, event: MatrixEvent, me: string, serviceUserId?: string): TimelineItem | undefined {
  const id = event.getId() ?? event.getTxnId() ?? '';
  const sender = event.getSender() ?? '';
  const base = {
    id,
    sender,
    senderName: nameOf(room, sender),
    timestamp: event.getTs(),
    own: sender === me,
    body: '',
    html: undefined,
    edited: false,
    replyTo: undefined,
    attachment: undefined,
    reactions: [],
    state: stateOf(event),
    membership: undefined,
    document: undefined,
    meeting: undefined,
    fromUnconfirmedDevice: false,
  } satisfies Omit<TimelineItem, 'kind'>;

  if (event.getType() === EventType.RoomMember) {
    const membership = membershipOf(event);
    if (!membership) return undefined;
    return { ...base, kind: 'membership', membership: { ...membership, target: nameOf(room, membership.target) } };
  }
  if (event.isRedacted()) {
    return event.getType() === EventType.RoomMessage || event.getType() === EventType.RoomMessageEncrypted
      ? { ...base, kind: 'redacted' }
      : undefined;
  }
  if (event.isDecryptionFailure()) {
    const reason = event.decryptionFailureReason;
    const unconfirmed =
      reason === DecryptionFailureCode.UNSIGNED_SENDER_DEVICE || reason === DecryptionFailureCode.UNKNOWN_SENDER_DEVICE;
    return { ...base, kind: 'undecryptable', fromUnconfirmedDevice: unconfirmed };
  }
  if (event.isBeingDecrypted() || event.shouldAttemptDecryption()) return { ...base, kind: 'decrypting' };
  if (event.getType() !== EventType.RoomMessage) return undefined;
  // Edits are shown as their original, with the new content.
  if (event.isRelation(RelationType.Replace)) return undefined;

  const original = event.getOriginalContent<MessageContent>();
  const content = event.getContent<MessageContent>();
  const kind = typeof original.msgtype === 'string' ? shownMessageTypes[original.msgtype] : undefined;
  if (!kind) return undefined;
  const replyId = original['m.relates_to']?.['m.in_reply_to']?.event_id;
  let replyTo: TimelineItem['replyTo'];
  if (typeof replyId === 'string') {
    const parent = room.findEventById(replyId);
    const parentBody = parent?.isRedacted() ? undefined : parent?.getContent<MessageContent>().body;
    replyTo = {
      id: replyId,
      senderName: parent ? nameOf(room, parent.getSender() ?? '') : '',
      body: typeof parentBody === 'string' ? parentBody : undefined,
    };
  }
  return {
    ...base,
    kind,
    body: typeof content.body === 'string' ? content.body : '',
    html:
      content.format === 'org.matrix.custom.html' && typeof content.formatted_body === 'string'
        ? sanitizeMessageHtml(content.formatted_body)
        : undefined,
    edited: event.replacingEventId() !== undefined,
    replyTo,
    attachment: kind === 'image' || kind === 'file' ? attachmentOf(original) : undefined,
    reactions: event.getId() ? reactionsOf(room, id, me) : [],
    document:
      kind === 'notice' ? documentCardOf(original as Record<string, unknown>, sender, serviceUserId) : undefined,
    meeting:
      kind === 'notice' ? meetingNoticeOf(original as Record<string, unknown>, sender, serviceUserId) : undefined,
  };
}

/**
 * The room's loaded history, oldest first, as the timeline shows it. The
 * service account's own joins are left out (it sets rooms up; nobody asked
 * for it), and so is an invitation once its person has joined.
 */
export function timelineItems(room: Room, me: string, serviceUserId?: string): TimelineItem[] {
  const items: TimelineItem[] = [];
  const joinedLater = new Set<string>();
  const events = room.getLiveTimeline().getEvents();
  for (const event of events) {
    if (event.getType() === EventType.RoomMember && event.getContent<{ membership?: string }>().membership === 'join') {
      joinedLater.add(event.getStateKey() ?? '');
    }
  }
  for (const event of events) {
    if (event.getType() === EventType.RoomMember) {
      const target = event.getStateKey() ?? '';
      if (target === serviceUserId) continue;
      if (event.getContent<{ membership?: string }>().membership === 'invite' && joinedLater.has(target)) continue;
    }
    const item = toItem(room, event, me, serviceUserId);
    if (item) items.push(item);
  }
  return items;
}

/** Whether the item is a message someone can read (and so reply to, react to, or doubt its sender). */
export function isReadable(item: TimelineItem): boolean {
  return (
    item.kind !== 'redacted' &&
    item.kind !== 'undecryptable' &&
    item.kind !== 'decrypting' &&
    item.kind !== 'membership'
  );
}
