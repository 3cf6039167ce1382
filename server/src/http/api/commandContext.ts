import type { CommandContext } from '../../commands/context.js';
import type { ApiInput } from './apiRoute.js';

/** Who asks, under which request and at what time: what every command takes from a validated request. */
export const contextOf = (input: ApiInput<unknown, unknown, unknown>): CommandContext => ({
  actor: input.actor,
  requestId: input.requestId,
  now: input.now,
});
