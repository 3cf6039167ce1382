import { type RunningMeetingList } from '@arbeitsbereich/contract';
import { useMemo } from 'react';
import { useSession } from '../../lib/session/context';
import { useLoad } from '../../lib/api/useLoad';
import { useReloadOnTenantChange } from './useMyRooms';

type RunningMeeting = RunningMeetingList['meetings'][number];

/**
 * The running meetings of the person's rooms, by room id: loaded again whenever the server says
 * something in the tenant changed (someone joined or left a meeting among it) and after a reconnect.
 */
export function useRunningMeetings(): ReadonlyMap<string, RunningMeeting> {
  const { status, api } = useSession();
  const tenantId = status.kind === 'signed-in' ? status.actor.tenantId : null;
  const load = useMemo(
    () => (api && tenantId !== null ? (signal: AbortSignal) => api.listRunningMeetings(tenantId, signal) : undefined),
    [api, tenantId],
  );
  const loaded = useLoad(`meetings|${tenantId ?? ''}|${api ? 'api' : ''}`, load);
  useReloadOnTenantChange(tenantId, loaded.reload);
  return useMemo(() => new Map((loaded.data?.meetings ?? []).map((m) => [m.roomId, m])), [loaded.data]);
}
