import { jobKinds, type JobInput } from '../../domain/jobs/catalog.js';
import type { Store } from '../../domain/ports/store.js';

/**
 * Ends sessions, and with them the chat devices tied to them: each device gets an outbox job that
 * logs it out at the homeserver (ADR 0029), committed together with the removal, so a session
 * never ends without its devices following, however it ends.
 */
export async function endSessions(store: Store, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await store.transaction(async (tx) => {
    const devices = await tx.sessions.chatDevicesOf(sessionIds);
    for (const device of devices) {
      // The outbox runs on the wall clock, whatever clock decided that the sessions ended.
      const job: JobInput<typeof jobKinds.chatDeviceSignOut> = {
        kind: jobKinds.chatDeviceSignOut,
        payload: { matrixUserId: device.matrixUserId, deviceId: device.deviceId },
        dedupeKey: `chat-device-signout:${device.sessionId}:${device.deviceId}`,
      };
      await tx.outbox.enqueue(job);
    }
    await tx.sessions.remove(sessionIds);
  });
}
