import { type Person } from '@arbeitsbereich/contract';
import { describe, expect, it } from 'vitest';
import { matchPeople, nextActive, personOption } from './personMatch';

const person = (id: string, firstName: string, lastName: string, status: Person['status'] = 'active'): Person => ({
  id,
  tenantId: 't1',
  username: `${firstName}.${lastName}`.toLowerCase(),
  email: `${firstName}.${lastName}@demo.example`.toLowerCase(),
  firstName,
  lastName,
  role: 'member',
  status,
  sync: { state: 'done', error: null },
  locale: 'de',
  invitedAt: null,
  mailNotices: true,
  guestTerm: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  abilities: {},
});

const people = [
  person('1', 'Bernd', 'Beispiel'),
  person('2', 'Gabi', 'Gast'),
  person('3', 'Amelie', 'Admin'),
  person('4', 'Bernd', 'Alt', 'deactivated'),
];

describe('choosing a person', () => {
  it('finds active non-members by every word, by last name', () => {
    expect(matchPeople(people, '', new Set()).map((p) => p.id)).toEqual(['3', '1', '2']);
    expect(matchPeople(people, 'bernd', new Set()).map((p) => p.id)).toEqual(['1']);
    expect(matchPeople(people, 'BEISPIEL bernd', new Set()).map((p) => p.id)).toEqual(['1']);
    expect(matchPeople(people, 'demo.example', new Set(['3'])).map((p) => p.id)).toEqual(['1', '2']);
    expect(matchPeople(people, 'zzz', new Set())).toEqual([]);
    expect(matchPeople(people, '', new Set(), { limit: 1 })).toHaveLength(1);
  });

  it('names a person with their username', () => {
    expect(personOption(people[0] as Person)).toBe('Bernd Beispiel (bernd.beispiel)');
  });

  it('moves through the options with wrap-around', () => {
    expect(nextActive(-1, 3, 1)).toBe(0);
    expect(nextActive(-1, 3, -1)).toBe(2);
    expect(nextActive(2, 3, 1)).toBe(0);
    expect(nextActive(0, 3, -1)).toBe(2);
    expect(nextActive(0, 0, 1)).toBe(-1);
  });
});
