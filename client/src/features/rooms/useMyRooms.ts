import { type Room, type RoomList } from '@arbeitsbereich/contract';
import { useCallback, useMemo } from 'react';
import { useRealtimeSignal } from '../../lib/realtime/context';
import { useSession } from '../../lib/session/context';
import { concernsTenant, myRooms } from './roomRules';
import { type Loaded, useLoad } from '../../lib/api/useLoad';
import { usePollWhilePending } from './usePollWhilePending';

export interface MyRooms extends Loaded<RoomList> {
  /** The signed-in person's tenant, or null (e.g. a platform admin of no tenant). */
  tenantId: string | null;
  /** The rooms of the tenant the person is a member of. */
  rooms: Room[];
}

/** Loads again whenever the server says something in the tenant changed, and after a reconnect. */
export function useReloadOnTenantChange(tenantId: string | null, reload: () => void): void {
  useRealtimeSignal(
    useCallback(
      (signal) => {
        if (tenantId !== null && concernsTenant(signal, tenantId)) reload();
      },
      [tenantId, reload],
    ),
  );
}

/**
 * The rooms of the signed-in person's tenant that they belong to, loaded again whenever
 * the server says a room or the room list changed (and after a reconnect).
 */
export function useMyRooms(): MyRooms {
  const { status, api } = useSession();
  const tenantId = status.kind === 'signed-in' ? status.actor.tenantId : null;
  const load = useMemo(
    () => (api && tenantId !== null ? (signal: AbortSignal) => api.listRooms(tenantId, signal) : undefined),
    [api, tenantId],
  );
  const loaded = useLoad(`${tenantId ?? ''}|${api ? 'api' : ''}`, load);
  useReloadOnTenantChange(tenantId, loaded.reload);
  usePollWhilePending(loaded.data?.rooms.some((room) => room.sync.state === 'pending') ?? false, loaded.reload);
  const rooms = useMemo(() => myRooms(loaded.data?.rooms ?? []), [loaded.data]);
  return { ...loaded, tenantId, rooms };
}
