import { lazy } from 'react';

// The feature's public entry: the app reaches it only through this file. Pages load on demand.
export const MeetingPanel = lazy(() => import('./MeetingPanel'));
export const GuestPage = lazy(() => import('./GuestPage'));
