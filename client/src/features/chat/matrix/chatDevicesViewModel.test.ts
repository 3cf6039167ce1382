import { CryptoEvent } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { describe, expect, it, vi } from 'vitest';
import { ChatDevicesViewModel } from './chatDevicesViewModel';
import type { ChatSession } from './chatSession';
import type { ChatDeviceView } from './devices';
import { manualFrames, Refused, StandInClient } from './matrixStandIn';

const ME = '@gerda:amt.example';
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const device = (deviceId: string, current = false): ChatDeviceView => ({
  deviceId,
  name: `Browser ${deviceId}`,
  lastSeenAt: undefined,
  verified: current,
  current,
});

function setUp() {
  const client = new StandInClient(ME);
  const session: ChatSession = { client: client.asClient, userId: ME, stop: () => Promise.resolve() };
  let devices = [device('HERE', true), device('OTHER')];
  let listing: 'works' | 'fails' = 'works';
  const listDevices = vi.fn(() =>
    listing === 'works' ? Promise.resolve(devices) : Promise.reject(new Refused('getDevices')),
  );
  const removed: string[] = [];
  let removal: 'works' | 'refused' = 'works';
  const frames = manualFrames();
  const vm = new ChatDevicesViewModel({
    session,
    listDevices,
    schedule: frames.schedule,
    removeDevice: (deviceId) => {
      if (removal === 'refused') return Promise.reject(new Refused('removeChatDevice'));
      removed.push(deviceId);
      devices = devices.filter((d) => d.deviceId !== deviceId);
      return Promise.resolve();
    },
  });
  const changes = vi.fn();
  vm.subscribe(changes);
  return {
    client,
    vm,
    frames,
    changes,
    listDevices,
    removed,
    addDevice: (id: string) => (devices = [...devices, device(id)]),
    listingFails: (fails: boolean) => (listing = fails ? 'fails' : 'works'),
    removalRefused: () => (removal = 'refused'),
  };
}

describe('ChatDevicesViewModel', () => {
  it('lists the devices when made, and again when the crypto learns of a change to the person’s devices', async () => {
    const { client, vm, frames, addDevice } = setUp();
    expect(vm.getSnapshot().devices).toBeUndefined();
    await settled();
    expect(vm.getSnapshot().devices?.map((d) => d.deviceId)).toEqual(['HERE', 'OTHER']);

    addDevice('NEW');
    client.emit(CryptoEvent.DevicesUpdated, [ME], false);
    frames.next();
    await settled();
    expect(vm.getSnapshot().devices?.map((d) => d.deviceId)).toEqual(['HERE', 'OTHER', 'NEW']);
  });

  it('keeps its snapshot through changes to other people’s devices and trust', async () => {
    const { client, vm, frames, changes, listDevices } = setUp();
    await settled();
    const before = vm.getSnapshot();
    changes.mockClear();
    client.emit(CryptoEvent.DevicesUpdated, ['@anna:amt.example'], false);
    client.emit(CryptoEvent.UserTrustStatusChanged, '@anna:amt.example', undefined);
    expect(frames.pending).toBe(0);
    await settled();
    expect(vm.getSnapshot()).toBe(before);
    expect(changes).not.toHaveBeenCalled();
    expect(listDevices).toHaveBeenCalledTimes(1);
  });

  it('shows a failed listing, and the list again once a retry works', async () => {
    const { vm, listingFails } = setUp();
    listingFails(true);
    await vm.load();
    expect(vm.getSnapshot().loadFailed).toBe(true);

    listingFails(false);
    const retry = vm.load();
    expect(vm.getSnapshot().loadFailed).toBe(false);
    expect(await retry).toBe(true);
    expect(vm.getSnapshot().devices).toHaveLength(2);
  });

  it('removes a confirmed device and lists again; a refusal stays in the snapshot until the person cancels', async () => {
    const { vm, removed, removalRefused } = setUp();
    await settled();
    const [, other] = vm.getSnapshot().devices!;
    vm.askToRemove(other!);
    expect(vm.getSnapshot()).toMatchObject({ removing: other, busy: false, removeFailure: undefined });
    const removing = vm.removeConfirmed();
    expect(vm.getSnapshot().busy).toBe(true);
    expect(await removing).toEqual({ removed: other, listed: true });
    expect(removed).toEqual(['OTHER']);
    expect(vm.getSnapshot()).toMatchObject({ removing: undefined, busy: false });
    expect(vm.getSnapshot().devices?.map((d) => d.deviceId)).toEqual(['HERE']);

    const [here] = vm.getSnapshot().devices!;
    removalRefused();
    vm.askToRemove(here!);
    expect(await vm.removeConfirmed()).toBeUndefined();
    expect(vm.getSnapshot()).toMatchObject({ removing: here, busy: false });
    expect(vm.getSnapshot().removeFailure).toBeInstanceOf(Refused);
    vm.cancelRemoving();
    expect(vm.getSnapshot()).toMatchObject({ removing: undefined, removeFailure: undefined });
  });

  it('stops listening when disposed, and a listing that arrives afterwards changes nothing', async () => {
    const { client, vm, frames, changes } = setUp();
    expect(client.listenersInAll()).toBe(2);
    client.emit(CryptoEvent.DevicesUpdated, [ME], false);
    expect(frames.pending).toBe(1);

    vm.dispose();
    expect(client.listenersInAll()).toBe(0);
    expect(frames.pending).toBe(0);
    await settled();
    expect(vm.getSnapshot().devices).toBeUndefined();
    expect(changes).not.toHaveBeenCalled();
  });
});
