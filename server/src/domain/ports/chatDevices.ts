/** One signed-in device (a browser, an app) of a chat account. */
export interface ChatDevice {
  deviceId: string;
  displayName: string | null;
  /** When the homeserver last saw the device, in ms since the epoch; null if never. */
  lastSeenAt: number | null;
}

/**
 * The devices of chat accounts, as the homeserver's administration sees them.
 * Removing a device this way needs no interactive confirmation by its owner,
 * so callers must make sure the owner asked for it (commands/chat/chatDevices.ts).
 */
export interface ChatDevices {
  /** The account's device with this id, or undefined if the account has none such. */
  findDevice(userId: string, deviceId: string): Promise<ChatDevice | undefined>;
  /** Signs the device out and deletes its keys on the homeserver; safe to repeat. */
  removeDevice(userId: string, deviceId: string): Promise<void>;
}
