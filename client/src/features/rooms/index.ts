import { lazy } from 'react';

// The feature's public entry: the app reaches it only through this file. Pages load on demand.
export { RoomList, type Unread } from './RoomList';
export type { RoomFaces } from './RoomPage';
export const RoomPage = lazy(() => import('./RoomPage'));
