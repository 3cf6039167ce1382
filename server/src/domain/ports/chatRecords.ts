/** One room a chat account has a membership in, as the homeserver holds it. */
export interface ChatMembershipRecord {
  roomId: string;
  membership: string;
}

/**
 * What the homeserver holds of one chat account, for a person's export (GDPR Art. 15, 20) and their
 * erasure (Art. 17). Everything comes as the homeserver stores it: the events of encrypted rooms are
 * ciphertext, because the homeserver never holds their keys.
 */
export interface ChatRecords {
  /** The account as the homeserver's administration describes it; undefined if it has none. */
  account(userId: string): Promise<Record<string, unknown> | undefined>;
  /** The account data (global and per room): settings, read markers, key backup references. */
  accountData(userId: string): Promise<Record<string, unknown>>;
  /** Every room the account has a membership in (joined, left, invited, banned). */
  memberships(userId: string): Promise<ChatMembershipRecord[]>;
  /** The events the account sent to one room, oldest first, page by page (streamed, never all at once). */
  eventsSentBy(userId: string, roomId: string): AsyncIterable<Record<string, unknown>[]>;
  /**
   * Deactivates the account and marks it erased: its events are redacted for everyone who joins a
   * room later, its display name and avatar are removed. Safe to repeat, also on a deactivated account.
   */
  erase(userId: string): Promise<void>;
}
