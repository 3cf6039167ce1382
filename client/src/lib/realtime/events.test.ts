import { describe, expect, it } from 'vitest';
import { type RealtimeSignal, createRealtimeHub, parseRealtimeEvent } from './events';

describe('realtime events', () => {
  it('reads the room events with and without a room id', () => {
    expect(parseRealtimeEvent('rooms.changed', { type: 'rooms.changed', tenantId: 't1', roomId: 'r1' })).toEqual({
      type: 'rooms.changed',
      tenantId: 't1',
      roomId: 'r1',
    });
    expect(parseRealtimeEvent('room.changed', { tenantId: 't1' })).toEqual({ type: 'room.changed', tenantId: 't1' });
  });

  it('ignores unknown events and payloads without a tenant', () => {
    expect(parseRealtimeEvent('people.changed', { tenantId: 't1' })).toBeUndefined();
    expect(parseRealtimeEvent('rooms.changed', { roomId: 'r1' })).toBeUndefined();
    expect(parseRealtimeEvent('rooms.changed', 'r1')).toBeUndefined();
  });

  it('hands every signal to the current subscribers only', () => {
    const hub = createRealtimeHub();
    const heard: RealtimeSignal[] = [];
    const unsubscribe = hub.subscribe((signal) => heard.push(signal));
    hub.dispatch({ type: 'rooms.changed', tenantId: 't1' });
    unsubscribe();
    hub.dispatch({ type: 'reconnected' });
    expect(heard).toEqual([{ type: 'rooms.changed', tenantId: 't1' }]);
  });
});
