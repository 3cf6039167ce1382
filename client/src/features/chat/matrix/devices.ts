import type { ChatSession } from './chatSession';

/** One signed-in device of the person's chat account, as the devices page shows it. */
export interface ChatDeviceView {
  deviceId: string;
  /** The name the device gave itself; empty if none. */
  name: string;
  /** When the homeserver last saw it (ms since the epoch); undefined if never. */
  lastSeenAt: number | undefined;
  /** Cross-signed by the person (confirmed with the recovery key, or the account's first device). */
  verified: boolean;
  /** This browser. */
  current: boolean;
}

/**
 * The account's devices with whether each is cross-signed: only those receive
 * room keys. This browser first, then the most recently seen.
 */
export async function listOwnDevices(session: ChatSession): Promise<ChatDeviceView[]> {
  const { client, userId } = session;
  const crypto = client.getCrypto();
  const { devices } = await client.getDevices();
  // Fresh device keys, so a device made a moment ago is judged by its real signatures.
  await crypto?.getUserDeviceInfo([userId], true);
  const current = client.getDeviceId();
  const views = await Promise.all(
    devices.map(async (device): Promise<ChatDeviceView> => {
      const status = await crypto?.getDeviceVerificationStatus(userId, device.device_id);
      return {
        deviceId: device.device_id,
        name: device.display_name ?? '',
        // The homeserver sends null (not an absent field) for a device it has not seen yet.
        lastSeenAt: device.last_seen_ts ? device.last_seen_ts : undefined,
        verified: status?.crossSigningVerified === true,
        current: device.device_id === current,
      };
    }),
  );
  return views.sort((a, b) => Number(b.current) - Number(a.current) || (b.lastSeenAt ?? 0) - (a.lastSeenAt ?? 0));
}
