import { jobSpec, stringField } from './jobSpec.js';

/** Jobs that log a person's chat device out at the homeserver (their workspace session has ended). */
export const chatDeviceJobKinds = {
  chatDeviceSignOut: 'chatDevice.signOut',
} as const;

export interface ChatDeviceSignOutPayload {
  /** The chat account the device belongs to. */
  matrixUserId: string;
  deviceId: string;
}

export const chatDeviceJobs = {
  [chatDeviceJobKinds.chatDeviceSignOut]: jobSpec<ChatDeviceSignOutPayload>({
    parse: (payload) => ({
      matrixUserId: stringField(payload, 'matrixUserId'),
      deviceId: stringField(payload, 'deviceId'),
    }),
    // The device belongs to a session that no longer exists: no record shows its state.
    failureRecord: () => null,
  }),
};
