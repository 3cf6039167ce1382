import { lazy } from 'react';

// The feature's public entry: the app reaches it only through this file. The homeserver's
// client (matrix-js-sdk) and its crypto load on demand, behind these components and functions;
// nothing here may import them, or they join the page every visitor loads (see the build test).
// The connection's view-model is made by the provider (its file imports the SDK's types only).
export { ChatProvider, useChatSignOut } from './ChatProvider';
export type { UnreadOfChatRoom } from './UnreadCounts';
export const ChatConnector = lazy(() => import('./ChatConnector'));
export const ChatLoginPage = lazy(() => import('./ChatLoginPage'));
export const ChatDevicesPage = lazy(() => import('./ChatDevicesPage'));
export const ChatPanel = lazy(() => import('./ChatPanel'));
export const UnreadCounts = lazy(() => import('./UnreadCounts'));
