import { CryptoEvent } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { ChatSession } from './chatSession';
import { ClientViewModel, nextFrame, type Schedule } from './clientViewModel';
import { listOwnDevices, type ChatDeviceView } from './devices';

export interface ChatDevicesSnapshot {
  /** The account's devices, this browser first; undefined until the first list is in. */
  devices: readonly ChatDeviceView[] | undefined;
  /** The last attempt to list the devices failed (the list shown, if any, is older). */
  loadFailed: boolean;
  /** The device the person is asked to confirm removing. */
  removing: ChatDeviceView | undefined;
  /** Its removal is under way. */
  busy: boolean;
  /** Why the last removal failed, as the workspace answered; the view words it. */
  removeFailure: unknown;
}

export interface ChatDevicesOptions {
  session: ChatSession;
  /** Removes one of the person's devices through the workspace, which logs it out at the homeserver. */
  removeDevice: (deviceId: string) => Promise<unknown>;
  listDevices?: typeof listOwnDevices;
  schedule?: Schedule;
}

/**
 * The person's chat devices for the devices page: the list (read again when the crypto learns
 * of a change to the person's devices or their trust), and removing one of them, its failure
 * kept in the snapshot until the person tries again or cancels.
 */
export class ChatDevicesViewModel extends ClientViewModel<ChatDevicesSnapshot> {
  private readonly session: ChatSession;
  private readonly removeDevice: ChatDevicesOptions['removeDevice'];
  private readonly listDevices: typeof listOwnDevices;
  private readsBegun = 0;

  constructor({ session, removeDevice, listDevices, schedule }: ChatDevicesOptions) {
    super(
      session.client,
      { devices: undefined, loadFailed: false, removing: undefined, busy: false, removeFailure: undefined },
      schedule ?? nextFrame,
    );
    this.session = session;
    this.removeDevice = removeDevice;
    this.listDevices = listDevices ?? listOwnDevices;
    const mine = (users: string[]) => {
      if (users.includes(session.userId)) this.changed();
    };
    this.listen(CryptoEvent.DevicesUpdated, (users) => mine(users));
    this.listen(CryptoEvent.UserTrustStatusChanged, (userId) => mine([userId]));
    void this.load();
  }

  protected refresh(): void {
    void this.load();
  }

  /** Lists the devices again; the answer of the read begun last wins. True if the list came. */
  load = async (): Promise<boolean> => {
    const read = ++this.readsBegun;
    if (this.getSnapshot().loadFailed) this.patch({ loadFailed: false });
    try {
      const devices = await this.listDevices(this.session);
      if (read === this.readsBegun) this.patch({ devices, loadFailed: false });
      return true;
    } catch {
      if (read === this.readsBegun) this.patch({ loadFailed: true });
      return false;
    }
  };

  /** Asks the person to confirm removing `device`. */
  askToRemove = (device: ChatDeviceView): void => {
    this.patch({ removing: device, removeFailure: undefined });
  };

  cancelRemoving = (): void => {
    if (this.getSnapshot().busy) return;
    this.patch({ removing: undefined, removeFailure: undefined });
  };

  /**
   * Removes the device the person confirmed and reads the list again: answers the removed device
   * and whether the new list came, or undefined if the workspace refused (the reason is in the
   * snapshot).
   */
  removeConfirmed = async (): Promise<{ removed: ChatDeviceView; listed: boolean } | undefined> => {
    const { removing, busy } = this.getSnapshot();
    if (!removing || busy) return undefined;
    this.patch({ busy: true, removeFailure: undefined });
    try {
      await this.removeDevice(removing.deviceId);
    } catch (failure) {
      this.patch({ busy: false, removeFailure: failure });
      return undefined;
    }
    this.patch({ busy: false, removing: undefined });
    return { removed: removing, listed: await this.load() };
  };
}
