import { lazy } from 'react';

// The feature's public entry: the app reaches it only through this file. The homeserver's
// client (matrix-js-sdk) loads on demand, behind these components and functions.
export { useUnreadCounts } from './useChat';
export const ChatConnector = lazy(() => import('./ChatConnector'));
export const ChatLoginPage = lazy(() => import('./ChatLoginPage'));
export const ChatDevicesPage = lazy(() => import('./ChatDevicesPage'));
export const ChatPanel = lazy(() => import('./ChatPanel'));

/** Signs this browser's chat device out: its token and keys do not stay behind. */
export async function signOutChatDevice(): Promise<void> {
  const { chatConnection } = await import('./matrix/chatConnection');
  await chatConnection.signOut();
}
