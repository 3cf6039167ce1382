import type { MatrixClient } from 'matrix-js-sdk';
import { EventShieldColour } from 'matrix-js-sdk/lib/crypto-api/index.js';

/**
 * Whether a decrypted message came from a device its sender has not
 * cross-signed (or that we cannot tie to their identity): the crypto's red
 * shield. Unencrypted, unknown and undecrypted events answer false.
 */
export async function isFromUnconfirmedDevice(client: MatrixClient, roomId: string, eventId: string): Promise<boolean> {
  const event = client.getRoom(roomId)?.findEventById(eventId);
  const crypto = client.getCrypto();
  if (!event || !crypto || !event.isEncrypted() || event.isDecryptionFailure()) return false;
  const info = await crypto.getEncryptionInfoForEvent(event);
  return info?.shieldColour === EventShieldColour.RED;
}
