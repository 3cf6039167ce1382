import { useMemo } from 'react';
import { type MeetingInfo } from '@arbeitsbereich/contract';
import { useRealtimeSignal } from '../../lib/realtime/context';
import { useSession } from '../../lib/session/context';
import { type Loaded, useLoad } from '../../lib/api/useLoad';

/** The room's meeting as the server describes it; loaded again when something in the room changed. */
export function useMeetingInfo(tenantId: string, roomId: string): Loaded<MeetingInfo> {
  const { api } = useSession();
  const load = useMemo(
    () => (api ? (signal: AbortSignal) => api.getMeeting(tenantId, roomId, signal) : undefined),
    [api, tenantId, roomId],
  );
  const loaded = useLoad(`${tenantId}|${roomId}`, load);
  const { reload } = loaded;
  useRealtimeSignal((signal) => {
    if (signal.type === 'reconnected') reload();
    else if (signal.tenantId === tenantId && (signal.roomId === undefined || signal.roomId === roomId)) reload();
  });
  return loaded;
}
