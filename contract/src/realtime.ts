import { z } from 'zod';

/**
 * The live updates the server sends over the socket, each under its type as the event's name.
 * They carry ids only; the client fetches what changed.
 */
export const realtimeEvent = z.object({
  type: z.enum(['rooms.changed', 'room.changed']),
  tenantId: z.string(),
  roomId: z.string().optional().describe('The room that changed, if it is one room'),
});
export type RealtimeEvent = z.output<typeof realtimeEvent>;
export const realtimeEventTypes = realtimeEvent.shape.type.options;
