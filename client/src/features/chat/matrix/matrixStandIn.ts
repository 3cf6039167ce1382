import { MatrixEvent, TypedEventEmitter, type ListenerMap, type MatrixClient, type Room } from 'matrix-js-sdk';

/**
 * A hand-made stand-in of the part of matrix-js-sdk that the chat's view-models use, for their
 * unit tests: a client that is an event emitter with the few methods they call, and rooms that
 * hold real `MatrixEvent`s. The browser tests check the same code against the real homeserver.
 */

export interface StandInMember {
  userId: string;
  roomId: string;
  name: string;
  typing: boolean;
}

export class StandInRoom {
  membership = 'join';
  events: MatrixEvent[] = [];
  readonly members = new Map<string, StandInMember>();
  paginationToken: string | null = null;
  unread = { total: 0, highlight: 0 };
  readonly relations = { getChildEventsForEvent: () => undefined };

  constructor(readonly roomId: string) {}

  addMember(userId: string, name: string): StandInMember {
    const member = { userId, roomId: this.roomId, name, typing: false };
    this.members.set(userId, member);
    return member;
  }

  getMyMembership = () => this.membership;
  getLiveTimeline = () => ({
    getEvents: () => this.events,
    getPaginationToken: () => this.paginationToken,
  });
  getMember = (userId: string) => this.members.get(userId) ?? null;
  getMembers = () => [...this.members.values()];
  findEventById = (eventId: string) => this.events.find((e) => e.getId() === eventId);
  getUnreadNotificationCount = (type: string) => (type === 'highlight' ? this.unread.highlight : this.unread.total);
  hasUserReadEvent = () => false;

  /** As the view-models receive it from the client. */
  get asRoom(): Room {
    return this as unknown as Room;
  }
}

let counter = 0;

/** A text message of `sender` in `room`, as the homeserver would send it. */
export function textEvent(room: StandInRoom, sender: string, body: string): MatrixEvent {
  counter += 1;
  return new MatrixEvent({
    type: 'm.room.message',
    room_id: room.roomId,
    sender,
    event_id: `$event${counter}`,
    origin_server_ts: 1_700_000_000_000 + counter,
    content: { msgtype: 'm.text', body },
  });
}

/** The homeserver's refusal, as the stand-in answers a request a test lets fail. */
export class Refused extends Error {}

export class StandInClient extends TypedEventEmitter<string, ListenerMap<string>> {
  readonly rooms = new Map<string, StandInRoom>();
  readonly sent: { roomId: string; content: Record<string, unknown> }[] = [];
  /** The other requests made, by method name and arguments, oldest first. */
  readonly requests: { method: string; args: unknown[] }[] = [];
  /** Methods whose requests are refused. */
  readonly refusing = new Set<string>();
  mediaConfig: Record<string, unknown> = {};

  constructor(readonly userId: string) {
    super();
  }

  addRoom(roomId: string): StandInRoom {
    const room = new StandInRoom(roomId);
    this.rooms.set(roomId, room);
    return room;
  }

  getUserId = () => this.userId;
  getRoom = (roomId: string) => this.rooms.get(roomId) ?? null;
  getRooms = () => [...this.rooms.values()];
  getMediaConfig = () => Promise.resolve(this.mediaConfig);
  sendMessage = (roomId: string, content: Record<string, unknown>) => {
    this.sent.push({ roomId, content });
    return Promise.resolve({ event_id: `$sent${this.sent.length}` });
  };
  sendEvent = (...args: unknown[]) => this.request('sendEvent', args, { event_id: '$other' });
  redactEvent = (...args: unknown[]) => this.request('redactEvent', args, { event_id: '$redaction' });
  setRoomReadMarkers = (...args: unknown[]) => this.request('setRoomReadMarkers', args, {});
  sendReadReceipt = (...args: unknown[]) => this.request('sendReadReceipt', args, {});
  paginateEventTimeline = (...args: unknown[]) => this.request('paginateEventTimeline', args, true);

  private request<T>(method: string, args: unknown[], answer: T): Promise<T> {
    this.requests.push({ method, args });
    return this.refusing.has(method) ? Promise.reject(new Refused(method)) : Promise.resolve(answer);
  }

  /** How many listeners the client has in all. */
  listenersInAll(): number {
    return this.eventNames().reduce((sum, name) => sum + this.listenerCount(String(name)), 0);
  }

  /** As the view-models receive it. */
  get asClient(): MatrixClient {
    return this as unknown as MatrixClient;
  }
}

/** Frames the test lets pass one at a time, so each snapshot in between can be seen. */
export function manualFrames() {
  const queued = new Set<() => void>();
  return {
    schedule: (run: () => void) => {
      queued.add(run);
      return () => void queued.delete(run);
    },
    get pending(): number {
      return queued.size;
    },
    next(): void {
      const runs = [...queued];
      queued.clear();
      for (const run of runs) run();
    },
  };
}
