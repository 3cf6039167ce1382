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
