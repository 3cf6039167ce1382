import { ClientEvent, MatrixEventEvent, RoomEvent, RoomMemberEvent } from 'matrix-js-sdk';
import { describe, expect, it, vi } from 'vitest';
import { manualFrames, StandInClient, textEvent, type StandInRoom } from './matrixStandIn';
import { RoomChatViewModel, type RoomChatOptions } from './roomChatViewModel';

const ME = '@bernd:amt.example';
const ANNA = '@anna:amt.example';
const BOT = '@workspace-bot:amt.example';
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(options: Partial<RoomChatOptions> = {}) {
  const client = new StandInClient(ME);
  const room = client.addRoom('!here:amt.example');
  const elsewhere = client.addRoom('!elsewhere:amt.example');
  room.addMember(ME, 'Bernd Beispiel');
  room.addMember(ANNA, 'Anna Amt');
  room.events.push(textEvent(room, ANNA, 'Guten Morgen'));
  const frames = manualFrames();
  const vm = new RoomChatViewModel({
    client: client.asClient,
    roomId: room.roomId,
    serviceUserId: BOT,
    canPost: true,
    canRemoveMessages: false,
    deviceUnconfirmed: false,
    schedule: frames.schedule,
    senderUnconfirmed: () => Promise.resolve(false),
    ...options,
  });
  const changes = vi.fn();
  vm.subscribe(changes);
  return { client, room, elsewhere, frames, vm, changes };
}

function addMessage(client: StandInClient, room: StandInRoom, sender: string, body: string) {
  const event = textEvent(room, sender, body);
  room.events.push(event);
  client.emit(RoomEvent.Timeline, event, room.asRoom);
  return event;
}

describe('RoomChatViewModel', () => {
  it('shows the room as it is when made, with the senders’ names', () => {
    const { vm } = setUp();
    const snapshot = vm.getSnapshot();
    expect(snapshot.access).toBe('joined');
    expect(snapshot.items.map((i) => [i.senderName, i.body])).toEqual([['Anna Amt', 'Guten Morgen']]);
    expect(snapshot.composer).toEqual({ kind: 'new' });
  });

  it('emits one new snapshot per frame for the events of its room', () => {
    const { client, room, frames, vm, changes } = setUp();
    const before = vm.getSnapshot();
    addMessage(client, room, ANNA, 'Erste');
    addMessage(client, room, ME, 'Zweite');
    expect(vm.getSnapshot()).toBe(before);

    frames.next();
    expect(changes).toHaveBeenCalledTimes(1);
    const after = vm.getSnapshot();
    expect(after.items.map((i) => [i.body, i.own])).toEqual([
      ['Guten Morgen', false],
      ['Erste', false],
      ['Zweite', true],
    ]);
    // The message that did not change is the same object as before.
    expect(after.items[0]).toBe(before.items[0]);
  });

  it('keeps its snapshot object through events of other rooms and events that change nothing it shows', () => {
    const { client, room, elsewhere, frames, vm, changes } = setUp();
    const before = vm.getSnapshot();
    const other = elsewhere.addMember(ANNA, 'Anna Amt');
    other.typing = true;
    addMessage(client, elsewhere, ANNA, 'Woanders');
    client.emit(RoomMemberEvent.Typing, undefined, other);
    client.emit(MatrixEventEvent.Decrypted, textEvent(elsewhere, ANNA, 'entschlüsselt'));
    client.emit(ClientEvent.Room, elsewhere.asRoom);
    expect(frames.pending).toBe(0);

    client.emit(RoomEvent.MyMembership, room.asRoom, 'join');
    frames.next();
    expect(vm.getSnapshot()).toBe(before);
    expect(changes).not.toHaveBeenCalled();
  });

  it('follows who is typing, renamed members and its own membership', () => {
    const { client, room, frames, vm } = setUp();
    const anna = room.members.get(ANNA)!;
    anna.typing = true;
    client.emit(RoomMemberEvent.Typing, undefined, anna);
    frames.next();
    expect(vm.getSnapshot().typing).toEqual(['Anna Amt']);

    anna.name = 'Anna Amtmann';
    client.emit(RoomMemberEvent.Name, undefined, anna, 'Anna Amt');
    frames.next();
    expect(vm.getSnapshot().items[0]!.senderName).toBe('Anna Amtmann');

    room.membership = 'leave';
    client.emit(RoomEvent.MyMembership, room.asRoom, 'leave', 'join');
    frames.next();
    expect(vm.getSnapshot()).toMatchObject({ access: 'none', left: true, items: [] });
  });

  it('takes the room’s abilities, emitting only when they change, and asks the upload limit of those who post', async () => {
    const { client, vm, changes } = setUp({ canPost: false });
    client.mediaConfig = { 'm.upload.size': 1024 };
    vm.setAbilities({ canPost: false, canRemoveMessages: false, deviceUnconfirmed: false });
    await settled();
    expect(changes).not.toHaveBeenCalled();
    expect(vm.getSnapshot().uploadLimit).toBeUndefined();

    vm.setAbilities({ canPost: true, canRemoveMessages: true, deviceUnconfirmed: true });
    expect(vm.getSnapshot()).toMatchObject({ canPost: true, canRemoveMessages: true, deviceUnconfirmed: true });
    await settled();
    expect(vm.getSnapshot().uploadLimit).toBe(1024);
  });

  it('holds the composer’s reply or edit and sends accordingly, then writes a new message again', async () => {
    const { client, room, vm } = setUp();
    const item = vm.getSnapshot().items[0]!;
    vm.reply(item);
    expect(vm.getSnapshot().composer).toEqual({ kind: 'reply', item });
    await vm.send('Ihnen auch');
    expect(client.sent.at(-1)).toEqual({
      roomId: room.roomId,
      content: { msgtype: 'm.text', body: 'Ihnen auch', 'm.relates_to': { 'm.in_reply_to': { event_id: item.id } } },
    });
    expect(vm.getSnapshot().composer).toEqual({ kind: 'new' });

    vm.edit(item);
    await vm.send('Guten Tag');
    expect(client.sent.at(-1)?.content).toMatchObject({
      'm.new_content': { body: 'Guten Tag' },
      'm.relates_to': { rel_type: 'm.replace', event_id: item.id },
    });
    const newMessage = vm.getSnapshot();
    vm.newMessage();
    expect(vm.getSnapshot()).toBe(newMessage);
  });

  it('marks a message whose sending device its sender has not confirmed, asking once per message', async () => {
    const asked: string[] = [];
    const doubtful = new Set<string>();
    const { client, room, frames, vm } = setUp({
      senderUnconfirmed: (_client, _roomId, eventId) => {
        asked.push(eventId);
        return Promise.resolve(doubtful.has(eventId));
      },
    });
    const suspicious = textEvent(room, ANNA, 'Bitte überweisen Sie');
    doubtful.add(suspicious.getId()!);
    room.events.push(suspicious);
    client.emit(RoomEvent.Timeline, suspicious, room.asRoom);
    frames.next();
    await settled();
    expect([...vm.getSnapshot().unconfirmedSenders]).toEqual([suspicious.getId()]);

    client.emit(RoomEvent.Timeline, suspicious, room.asRoom);
    frames.next();
    await settled();
    expect(asked).toEqual([room.events[0]!.getId(), suspicious.getId()]);
  });

  it('sends the read receipt and the read marker for the newest message, and none while it is not joined', async () => {
    const { client, room, vm } = setUp();
    const newest = addMessage(client, room, ANNA, 'Gelesen?');
    await vm.markRead();
    expect(client.requests.map((r) => [r.method, r.args[0]])).toEqual([
      ['setRoomReadMarkers', room.roomId],
      ['sendReadReceipt', newest],
    ]);
    expect(client.requests[1]?.args[1]).toBe('m.read');

    const invited = setUp();
    invited.room.membership = 'invite';
    invited.client.emit(RoomEvent.MyMembership, invited.room.asRoom, 'invite', 'join');
    invited.frames.next();
    await invited.vm.markRead();
    expect(invited.client.requests).toEqual([]);
  });

  it('adds a reaction, and takes back the person’s own', async () => {
    const { client, room, vm } = setUp();
    const item = vm.getSnapshot().items[0]!;
    expect(await vm.toggleReaction(item, '👍')).toBe(true);
    expect(client.requests.at(-1)).toEqual({
      method: 'sendEvent',
      args: [room.roomId, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: item.id, key: '👍' } }],
    });

    const given = { ...item, reactions: [{ key: '👍', count: 1, senders: [ME], mine: '$myReaction' }] };
    expect(await vm.toggleReaction(given, '👍')).toBe(true);
    expect(client.requests.at(-1)).toEqual({ method: 'redactEvent', args: [room.roomId, '$myReaction'] });
    expect(vm.getSnapshot().problem).toBeUndefined();
  });

  it('puts a refused action and older messages that could not be loaded in its snapshot, a new problem each time', async () => {
    const { client, vm, changes } = setUp();
    const item = vm.getSnapshot().items[0]!;
    client.refusing.add('redactEvent');
    expect(await vm.remove(item.id)).toBe(false);
    const first = vm.getSnapshot().problem;
    expect(first).toEqual({ kind: 'action' });
    expect(
      await vm.toggleReaction({ ...item, reactions: [{ key: '👍', count: 1, senders: [ME], mine: '$r' }] }, '👍'),
    ).toBe(false);
    expect(vm.getSnapshot().problem).toEqual({ kind: 'action' });
    expect(vm.getSnapshot().problem).not.toBe(first);

    client.refusing.add('paginateEventTimeline');
    const loading = vm.loadOlder();
    expect(vm.getSnapshot().loadingOlder).toBe(true);
    await loading;
    expect(vm.getSnapshot()).toMatchObject({ loadingOlder: false, problem: { kind: 'older' } });
    expect(changes).toHaveBeenCalledTimes(4);

    client.refusing.delete('paginateEventTimeline');
    await vm.loadOlder();
    expect(client.requests.filter((r) => r.method === 'paginateEventTimeline')).toHaveLength(2);
    expect(vm.getSnapshot().loadingOlder).toBe(false);
  });

  it('stops listening when disposed: no listener stays, and nothing is emitted afterwards', () => {
    const { client, room, frames, vm, changes } = setUp();
    const listening = client.listenersInAll();
    expect(listening).toBeGreaterThan(0);
    addMessage(client, room, ANNA, 'Noch eine');
    expect(frames.pending).toBe(1);

    vm.dispose();
    expect(client.listenersInAll()).toBe(0);
    expect(frames.pending).toBe(0);
    addMessage(client, room, ANNA, 'Zu spät');
    vm.reply(vm.getSnapshot().items[0]!);
    expect(frames.pending).toBe(0);
    expect(changes).not.toHaveBeenCalled();
  });
});
