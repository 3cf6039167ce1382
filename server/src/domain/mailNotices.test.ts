import { describe, expect, it } from 'vitest';
import { roomAddedNotice } from './mailNotices.js';

const facts = { firstName: 'Mia', roomName: 'Haushalt', workspaceUrl: 'https://ab.example.de/rooms/r1' };

describe('the notice "added to a room"', () => {
  it('is German by default and English where chosen, each naming the room and its link', () => {
    const german = roomAddedNotice('de', facts);
    expect(german.subject).toBe('Sie wurden dem Raum „Haushalt“ hinzugefügt');
    expect(german.text).toContain('Guten Tag Mia,');
    const english = roomAddedNotice('en', facts);
    expect(english.subject).toBe('You were added to the room "Haushalt"');
    for (const notice of [german, english]) expect(notice.text).toContain(facts.workspaceUrl);
  });
});
