/** "Amelie Admin" — first and last name as one, for tables and messages. */
export function personName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}
