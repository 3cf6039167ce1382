import { notFound } from '../../domain/errors.js';
import { checkedHandlers, jobKinds, type JobHandlers } from '../../domain/jobs/catalog.js';
import type { ChatDevices } from '../../domain/ports/chatDevices.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext } from '../context.js';
import { loadPersonFor } from '../people/loadPerson.js';

export interface ChatDeviceDeps {
  store: Store;
  devices: ChatDevices;
}

/**
 * A person removes one of their own chat devices (a browser they no longer
 * use, or one they do not recognise): it is signed out and gets no more room
 * keys. Only the device's owner may, and only a device of their own account:
 * an id of someone else's device is "not found".
 */
export async function removeChatDevice(
  deps: ChatDeviceDeps,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
  deviceId: string,
): Promise<void> {
  const { store, devices } = deps;
  const { person } = await loadPersonFor(store, ctx, 'person.removeChatDevice', tenantId, personId, true);
  const matrixUserId = (await store.read.people.links(personId))?.matrixUserId;
  if (!matrixUserId) throw notFound('Chat device');
  const device = await devices.findDevice(matrixUserId, deviceId);
  if (!device) throw notFound('Chat device');
  await devices.removeDevice(matrixUserId, deviceId);
  await store.transaction((tx) =>
    tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.removeChatDevice',
        targetType: 'chat-device',
        targetId: deviceId,
        outcome: 'success',
        details: { username: person.username, deviceName: device.displayName },
      }),
    ),
  );
}

/**
 * The person's browser tells which chat device it signed in with during this workspace session:
 * once tied to the session, the device is logged out at the homeserver when the session ends —
 * sign-out, idle or absolute expiry, back-channel logout, deactivation (ADR 0029). Only a device
 * of the person's own chat account is accepted; any other id is "not found".
 */
export async function bindChatDeviceToSession(
  deps: ChatDeviceDeps,
  ctx: CommandContext,
  sessionId: string,
  deviceId: string,
): Promise<void> {
  const { store, devices } = deps;
  const { userId, tenantId } = ctx.actor;
  if (userId === null || tenantId === null) throw notFound('Chat device');
  const { person } = await loadPersonFor(store, ctx, 'person.bindChatDevice', tenantId, userId, true);
  const matrixUserId = (await store.read.people.links(userId))?.matrixUserId;
  if (!matrixUserId) throw notFound('Chat device');
  const device = await devices.findDevice(matrixUserId, deviceId);
  if (!device) {
    await store.transaction((tx) =>
      tx.audit.append(
        auditEntry(ctx, {
          tenantId,
          action: 'person.bindChatDevice',
          targetType: 'chat-device',
          targetId: deviceId,
          outcome: 'denied',
          details: { username: person.username, reason: 'not a device of the person’s chat account' },
        }),
      ),
    );
    throw notFound('Chat device');
  }
  await store.transaction(async (tx) => {
    const outcome = await tx.sessions.bindChatDevice({ sessionId, matrixUserId, deviceId }, ctx.now);
    if (outcome === 'no-session') {
      // The session ended meanwhile: the device follows it right away.
      await tx.outbox.enqueue({
        kind: jobKinds.chatDeviceSignOut,
        payload: { matrixUserId, deviceId },
        dedupeKey: `chat-device-signout:${sessionId}:${deviceId}`,
      });
    }
    if (outcome === 'unchanged') return;
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.bindChatDevice',
        targetType: 'chat-device',
        targetId: deviceId,
        outcome: 'success',
        details: { username: person.username, deviceName: device.displayName },
      }),
    );
  });
}

/**
 * The outbox job that logs a chat device out once its workspace session has ended. Deleting the
 * device through the homeserver's admin API also ends its access and refresh tokens; a device
 * that is gone already (logged out by the browser, or with its deactivated account) counts as done.
 */
export function chatDeviceHandlers(deps: Pick<ChatDeviceDeps, 'devices'>) {
  const handlers: JobHandlers<typeof jobKinds.chatDeviceSignOut> = {
    [jobKinds.chatDeviceSignOut]: ({ matrixUserId, deviceId }) => deps.devices.removeDevice(matrixUserId, deviceId),
  };
  return checkedHandlers(handlers);
}
