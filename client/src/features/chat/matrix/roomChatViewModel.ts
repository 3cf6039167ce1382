import {
  ClientEvent,
  KnownMembership,
  MatrixEventEvent,
  RoomEvent,
  RoomMemberEvent,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  type RoomMember,
} from 'matrix-js-sdk';
import { ClientViewModel, nextFrame, type Schedule } from './clientViewModel';
import {
  chatAccess,
  deleteMessage,
  editMessage,
  fetchAttachment,
  hasOlder,
  loadOlder,
  markRead,
  react,
  sendAttachment,
  sendMessage,
  setTyping,
  typingNames,
  uploadLimit,
  type ChatAccess,
} from './roomActions';
import { samePlain } from './samePlain';
import { isFromUnconfirmedDevice } from './senderTrust';
import { isReadable, timelineItems, type Attachment, type TimelineItem } from './timeline';

export type ComposerMode =
  { kind: 'new' } | { kind: 'reply'; item: TimelineItem } | { kind: 'edit'; item: TimelineItem };

/** What the person may do here: from the room's abilities in the workspace, and this browser's standing. */
export interface RoomChatAbilities {
  /** The room role lets the person post (`chat.post`); the homeserver's power levels say the same. */
  canPost: boolean;
  /** The room role lets the person remove others' messages (`chat.removeMessages`). */
  canRemoveMessages: boolean;
  /** This browser is not signed by its owner yet: it cannot send (ADR 0019). */
  deviceUnconfirmed: boolean;
}

/** A failure the view tells the person of; a new object for each failure. */
export interface RoomChatProblem {
  /** Older messages could not be loaded, or a reaction or removal was refused. */
  kind: 'older' | 'action';
}

export interface RoomChatSnapshot extends RoomChatAbilities {
  access: ChatAccess;
  /** The person left the room or was removed from it. */
  left: boolean;
  /** The loaded history, oldest first; an unchanged message keeps its object. */
  items: readonly TimelineItem[];
  /** Names of the others typing right now. */
  typing: readonly string[];
  hasOlder: boolean;
  /** Older messages are being loaded. */
  loadingOlder: boolean;
  /** The last failure, until the next one. */
  problem: RoomChatProblem | undefined;
  /** Messages (by event id) decrypted from a device its sender has not confirmed. */
  unconfirmedSenders: ReadonlySet<string>;
  composer: ComposerMode;
  /** The homeserver's upload limit in bytes, once known (asked only of those who may post). */
  uploadLimit: number | undefined;
}

export interface RoomChatOptions extends RoomChatAbilities {
  client: MatrixClient;
  roomId: string;
  serviceUserId: string;
  schedule?: Schedule;
  senderUnconfirmed?: (client: MatrixClient, roomId: string, eventId: string) => Promise<boolean>;
}

const newMessage: ComposerMode = { kind: 'new' };

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The new items, each replaced by the one handed out before if nothing in it changed. */
function keepUnchanged(before: readonly TimelineItem[], now: TimelineItem[]): readonly TimelineItem[] {
  const byId = new Map(before.map((item) => [item.id, item]));
  const items = now.map((item) => {
    const old = byId.get(item.id);
    return old && samePlain(old, item) ? old : item;
  });
  return sameList(before, items) ? before : items;
}

/**
 * One room's chat: its timeline, who is typing, the composer, and what the person may do. It
 * listens to the client's events of this room only, looks at the room again once per frame,
 * and emits a new snapshot only when something it shows changed.
 */
export class RoomChatViewModel extends ClientViewModel<RoomChatSnapshot> {
  readonly roomId: string;
  private readonly serviceUserId: string;
  private readonly senderUnconfirmed: NonNullable<RoomChatOptions['senderUnconfirmed']>;
  private readonly senderChecked = new Set<string>();
  private limitAsked = false;

  constructor({ client, roomId, serviceUserId, schedule, senderUnconfirmed, ...abilities }: RoomChatOptions) {
    super(
      client,
      {
        access: 'none',
        left: false,
        items: [],
        typing: [],
        hasOlder: false,
        loadingOlder: false,
        problem: undefined,
        unconfirmedSenders: new Set(),
        composer: newMessage,
        uploadLimit: undefined,
        ...abilities,
      },
      schedule ?? nextFrame,
    );
    this.roomId = roomId;
    this.serviceUserId = serviceUserId;
    this.senderUnconfirmed = senderUnconfirmed ?? isFromUnconfirmedDevice;
    this.refresh();
    this.listenToOwnRoom();
    this.askUploadLimit();
  }

  private listenToOwnRoom(): void {
    const ownRoom = (room: Room | undefined) => {
      if (room?.roomId === this.roomId) this.changed();
    };
    const ownEvent = (event: MatrixEvent) => {
      if (event.getRoomId() === this.roomId) this.changed();
    };
    const ownMember = (_event: MatrixEvent, member: RoomMember) => {
      if (member.roomId === this.roomId) this.changed();
    };
    this.listenToEach(
      [RoomEvent.Timeline, RoomEvent.Redaction, RoomEvent.LocalEchoUpdated],
      (_event: MatrixEvent, room: Room | undefined) => ownRoom(room),
    );
    this.listenToEach([RoomEvent.TimelineReset, RoomEvent.MyMembership, ClientEvent.Room], (room: Room | undefined) =>
      ownRoom(room),
    );
    this.listenToEach([RoomMemberEvent.Typing, RoomMemberEvent.Membership, RoomMemberEvent.Name], ownMember);
    this.listenToEach([MatrixEventEvent.Decrypted, MatrixEventEvent.Replaced], ownEvent);
  }

  protected refresh(): void {
    const room = this.client.getRoom(this.roomId);
    const me = this.client.getUserId() ?? '';
    const access = chatAccess(this.client, this.roomId);
    const membership = room?.getMyMembership();
    const before = this.getSnapshot();
    const items = keepUnchanged(
      before.items,
      room && access === 'joined' ? timelineItems(room, me, this.serviceUserId) : [],
    );
    const typing = room ? typingNames(room, me) : [];
    const next: RoomChatSnapshot = {
      ...before,
      access,
      left: membership === KnownMembership.Leave || membership === KnownMembership.Ban,
      items,
      typing: sameList(before.typing, typing) ? before.typing : typing,
      hasOlder: room !== null && access === 'joined' && hasOlder(room),
    };
    const same =
      next.access === before.access &&
      next.left === before.left &&
      next.items === before.items &&
      next.typing === before.typing &&
      next.hasOlder === before.hasOlder;
    if (!same) this.setSnapshot(next);
    this.checkSenders(items);
  }

  /** Asks once per message whether its sending device is confirmed, as soon as it is readable. */
  private checkSenders(items: readonly TimelineItem[]): void {
    for (const item of items) {
      if (!isReadable(item) || item.state !== 'sent' || item.id.startsWith('~') || this.senderChecked.has(item.id)) {
        continue;
      }
      this.senderChecked.add(item.id);
      this.senderUnconfirmed(this.client, this.roomId, item.id).then(
        (unconfirmed) => {
          if (!unconfirmed) return;
          const now = this.getSnapshot();
          this.patch({ unconfirmedSenders: new Set([...now.unconfirmedSenders, item.id]) });
        },
        () => undefined,
      );
    }
  }

  private askUploadLimit(): void {
    if (this.limitAsked || !this.getSnapshot().canPost) return;
    this.limitAsked = true;
    void uploadLimit(this.client).then((limit) => {
      if (limit !== undefined) this.patch({ uploadLimit: limit });
    });
  }

  /** The room's abilities or this browser's standing changed (they come from outside the chat). */
  setAbilities(abilities: RoomChatAbilities): void {
    const now = this.getSnapshot();
    if (
      now.canPost === abilities.canPost &&
      now.canRemoveMessages === abilities.canRemoveMessages &&
      now.deviceUnconfirmed === abilities.deviceUnconfirmed
    ) {
      return;
    }
    this.patch(abilities);
    this.askUploadLimit();
  }

  private setComposer(composer: ComposerMode): void {
    if (composer.kind === 'new' && this.getSnapshot().composer.kind === 'new') return;
    this.patch({ composer });
  }

  reply = (item: TimelineItem): void => this.setComposer({ kind: 'reply', item });
  edit = (item: TimelineItem): void => this.setComposer({ kind: 'edit', item });
  /** Leaves reply or edit: the composer writes a new message again. */
  newMessage = (): void => this.setComposer(newMessage);

  /** Sends `body` as the composer stands (new, reply or edit) and returns it to a new message. */
  send = (body: string): Promise<unknown> => {
    const mode = this.getSnapshot().composer;
    const sending =
      mode.kind === 'edit'
        ? editMessage(this.client, this.roomId, mode.item.id, body)
        : sendMessage(this.client, this.roomId, body, mode.kind === 'reply' ? mode.item.id : undefined);
    this.newMessage();
    return sending;
  };

  setTyping = (typing: boolean): Promise<unknown> => setTyping(this.client, this.roomId, typing);

  attach = (file: File, options: { onProgress: (loaded: number, total: number) => void; signal: AbortSignal }) =>
    sendAttachment(this.client, this.roomId, file, { ...options, limit: this.getSnapshot().uploadLimit });

  /** Adds the person's reaction `key` to the message, or takes it back if they had given it. */
  toggleReaction = (item: TimelineItem, key: string): Promise<boolean> => {
    const mine = item.reactions.find((r) => r.key === key)?.mine;
    return this.reported(
      mine ? deleteMessage(this.client, this.roomId, mine) : react(this.client, this.roomId, item.id, key),
    );
  };

  /** Removes a message; false if the homeserver refused (the snapshot's problem says so). */
  remove = (eventId: string): Promise<boolean> => this.reported(deleteMessage(this.client, this.roomId, eventId));

  /** True once `action` succeeded; its failure becomes the snapshot's problem. */
  private async reported(action: Promise<unknown>): Promise<boolean> {
    try {
      await action;
      return true;
    } catch {
      this.patch({ problem: { kind: 'action' } });
      return false;
    }
  }

  /** Loads older messages, one batch at a time; whether there are more is looked at again afterwards. */
  loadOlder = async (): Promise<void> => {
    const room = this.client.getRoom(this.roomId);
    if (!room || this.getSnapshot().loadingOlder) return;
    this.patch({ loadingOlder: true });
    try {
      await loadOlder(this.client, room);
      this.patch({ loadingOlder: false });
    } catch {
      this.patch({ loadingOlder: false, problem: { kind: 'older' } });
    } finally {
      this.changed();
    }
  };

  /** Everything loaded counts as read. */
  markRead = (): Promise<void> => {
    const room = this.client.getRoom(this.roomId);
    return room && this.getSnapshot().access === 'joined' ? markRead(this.client, room) : Promise.resolve();
  };

  fetchAttachment = (attachment: Attachment): Promise<Blob> => fetchAttachment(this.client, attachment);
}
