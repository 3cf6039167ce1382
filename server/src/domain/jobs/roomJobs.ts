import { jobSpec, stringField } from './jobSpec.js';

/** The job that makes a room's Matrix room follow its desired state. */
export const roomJobKinds = {
  roomSync: 'room.sync',
} as const;

export interface RoomSyncPayload {
  roomId: string;
}

export const roomJobs = {
  [roomJobKinds.roomSync]: jobSpec<RoomSyncPayload>({
    parse: (payload) => ({ roomId: stringField(payload, 'roomId') }),
    failureRecord: (payload) => ({ type: 'room', id: payload.roomId }),
  }),
};

/** One waiting sync job per room covers every change made before it runs. */
export const roomSyncCoalesceKey = (roomId: string): string => `${roomJobKinds.roomSync}:${roomId}`;
