import { lazy } from 'react';

// The feature's public entry: the app reaches it only through this file. The homeserver's
// client (matrix-js-sdk) loads on demand, behind these components and functions.
export { useUnreadCounts } from './useChat';
// The connection's view-model is made by the provider (its file imports the SDK's types only).
export { ChatProvider, useChatSignOut } from './ChatProvider';
export const ChatConnector = lazy(() => import('./ChatConnector'));
export const ChatLoginPage = lazy(() => import('./ChatLoginPage'));
export const ChatDevicesPage = lazy(() => import('./ChatDevicesPage'));
export const ChatPanel = lazy(() => import('./ChatPanel'));
