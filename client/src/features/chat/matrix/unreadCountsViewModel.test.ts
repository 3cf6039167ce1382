import { ClientEvent, RoomEvent } from 'matrix-js-sdk';
import { describe, expect, it, vi } from 'vitest';
import { manualFrames, StandInClient } from './matrixStandIn';
import { UnreadCountsViewModel } from './unreadCountsViewModel';

describe('UnreadCountsViewModel', () => {
  it('counts the rooms with something unread, and emits only when a count changed', () => {
    const client = new StandInClient('@bernd:amt.example');
    const quiet = client.addRoom('!quiet:amt.example');
    const busy = client.addRoom('!busy:amt.example');
    busy.unread = { total: 2, highlight: 0 };
    const frames = manualFrames();
    const vm = new UnreadCountsViewModel(client.asClient, frames.schedule);
    const changes = vi.fn();
    vm.subscribe(changes);
    const first = vm.getSnapshot();
    expect([...first]).toEqual([[busy.roomId, { count: 2, highlight: false }]]);

    client.emit(ClientEvent.Sync, 'SYNCING', 'SYNCING');
    client.emit(RoomEvent.Receipt, undefined, quiet.asRoom);
    frames.next();
    expect(vm.getSnapshot()).toBe(first);
    expect(changes).not.toHaveBeenCalled();

    quiet.unread = { total: 1, highlight: 1 };
    busy.unread = { total: 0, highlight: 0 };
    client.emit(ClientEvent.Sync, 'SYNCING', 'SYNCING');
    frames.next();
    expect(changes).toHaveBeenCalledTimes(1);
    expect([...vm.getSnapshot()]).toEqual([[quiet.roomId, { count: 1, highlight: true }]]);
  });

  it('stops listening when disposed', () => {
    const client = new StandInClient('@bernd:amt.example');
    const frames = manualFrames();
    const vm = new UnreadCountsViewModel(client.asClient, frames.schedule);
    client.emit(ClientEvent.Sync, 'SYNCING', 'SYNCING');
    vm.dispose();
    expect(client.listenersInAll()).toBe(0);
    expect(frames.pending).toBe(0);
  });
});
