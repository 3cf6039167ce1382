import { lazy } from 'react';

// The feature's public entry: the app reaches it only through this file. The administration
// loads only when someone opens it.
export const TenantsPage = lazy(() => import('./tenants/TenantsPage'));
export const PeoplePage = lazy(() => import('./people/PeoplePage'));
export const MyGuestsPage = lazy(() => import('./people/MyGuestsPage'));
export const ImportPage = lazy(() => import('./import/ImportPage'));
export const AuditPage = lazy(() => import('./audit/AuditPage'));
export const PolicyPage = lazy(() => import('./policy/PolicyPage'));
