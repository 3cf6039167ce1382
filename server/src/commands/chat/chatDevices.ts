import { notFound } from '../../domain/errors.js';
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
