/**
 * Something changed that people's open clients should show without a reload.
 * Delivered only to the named people (and, for `tenantWide`, to everyone of
 * that tenant), never across tenants.
 */
export interface WorkspaceEvent {
  type: 'rooms.changed' | 'room.changed';
  tenantId: string;
  roomId?: string;
  personIds: string[];
  tenantWide?: boolean;
}

export interface Notifier {
  publish(event: WorkspaceEvent): void;
}
