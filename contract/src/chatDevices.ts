import { z } from 'zod';
import { id } from './common.js';

/** A Matrix device id as Synapse makes them (letters, digits and a few marks), never a path. */
export const chatDeviceId = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9._~+=-]+$/)
  .describe('The chat device’s id, as the homeserver lists it');

export const chatDeviceParams = z.object({ tenantId: id, personId: id, deviceId: chatDeviceId }).strict();

/** POST /api/session/chat-devices: ties a chat device of the caller's own account to the session. */
export const chatDeviceBindingIn = z.object({ deviceId: chatDeviceId }).strict();
export type ChatDeviceBinding = z.input<typeof chatDeviceBindingIn>;
