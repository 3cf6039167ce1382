import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MatrixChatDevices } from '../../src/adapters/matrix/index.js';
import { adminEnsureUser, serviceLoginAs, tokenWorks, type DeviceWithoutOwner } from '../support/matrixAdmin.js';
import { stackEnv } from '../support/stackEnv.js';

const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

describe('Matrix chat devices adapter (real Synapse admin API)', () => {
  let devices: MatrixChatDevices;
  let anna: DeviceWithoutOwner;
  let ben: DeviceWithoutOwner;

  beforeAll(async () => {
    devices = new MatrixChatDevices({
      homeserverUrl: stackEnv('MATRIX_HOMESERVER_URL'),
      asToken: stackEnv('MATRIX_AS_TOKEN'),
      adminToken: stackEnv('MATRIX_ADMIN_TOKEN'),
    });
    const [a, b] = await Promise.all([
      adminEnsureUser(`geraete-a-${run}`, 'Anna Geräte'),
      adminEnsureUser(`geraete-b-${run}`, 'Ben Geräte'),
    ]);
    [anna, ben] = await Promise.all([serviceLoginAs(a), serviceLoginAs(b)]);
  });

  it('finds an account’s own device, and not another account’s under it', async () => {
    expect(await devices.findDevice(anna.userId, anna.deviceId)).toMatchObject({ deviceId: anna.deviceId });
    expect(await devices.findDevice(anna.userId, ben.deviceId)).toBeUndefined();
    expect(await devices.findDevice(anna.userId, 'NOSUCHDEVICE')).toBeUndefined();
  });

  it('removes a device: its token stops working; a repeat is harmless', async () => {
    expect(await tokenWorks(anna.accessToken)).toBe(true);
    await devices.removeDevice(anna.userId, anna.deviceId);
    expect(await tokenWorks(anna.accessToken)).toBe(false);
    expect(await devices.findDevice(anna.userId, anna.deviceId)).toBeUndefined();
    await devices.removeDevice(anna.userId, anna.deviceId);
    expect(await tokenWorks(ben.accessToken)).toBe(true);
  });

  it('says which setting is missing without an admin token', async () => {
    const unconfigured = new MatrixChatDevices({
      homeserverUrl: stackEnv('MATRIX_HOMESERVER_URL'),
      asToken: stackEnv('MATRIX_AS_TOKEN'),
      adminToken: undefined,
    });
    await expect(unconfigured.findDevice(ben.userId, ben.deviceId)).rejects.toThrow(/MATRIX_ADMIN_TOKEN/);
  });
});
