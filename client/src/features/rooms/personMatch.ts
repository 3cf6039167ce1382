import { type Person } from '@arbeitsbereich/contract';

export const personName = (person: Pick<Person, 'firstName' | 'lastName'>): string =>
  `${person.firstName} ${person.lastName}`.trim();

/** How a person appears in the choice: "Bernd Beispiel (bernd.beispiel)". */
export const personOption = (person: Person): string => `${personName(person)} (${person.username})`;

/**
 * People who could be added: active, not yet members, and matching every word of the
 * query in their name, username or e-mail address; by last name, at most `limit`.
 */
export function matchPeople(
  people: readonly Person[],
  query: string,
  memberIds: ReadonlySet<string>,
  options: { limit?: number; locale?: string } = {},
): Person[] {
  const locale = options.locale ?? 'de';
  const words = query.toLocaleLowerCase(locale).split(/\s+/).filter(Boolean);
  return people
    .filter((person) => person.status === 'active' && !memberIds.has(person.id))
    .filter((person) => {
      const haystack = `${person.firstName} ${person.lastName} ${person.username} ${person.email}`.toLocaleLowerCase(
        locale,
      );
      return words.every((word) => haystack.includes(word));
    })
    .sort((a, b) => a.lastName.localeCompare(b.lastName, locale) || a.firstName.localeCompare(b.firstName, locale))
    .slice(0, options.limit ?? 50);
}

/** The option that arrow keys move to: wraps around; -1 when there is none. */
export function nextActive(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
