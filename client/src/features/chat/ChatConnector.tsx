import { useEffect, useState } from 'react';
import { type ChatServerConfig } from '@arbeitsbereich/contract';
import { fetchClientConfig } from '../../lib/api/clientConfig';
import { useSession } from '../../lib/session/context';
import { useChatConnection } from './ChatProvider';
import { expectedUserId } from './matrix/ssoLogin';

/**
 * Keeps the chat device in step with the workspace session: opens it for the
 * signed-in person (if this browser already has a device for them), closes it
 * when nobody is signed in. Renders nothing.
 */
export default function ChatConnector() {
  const { status, api } = useSession();
  const connection = useChatConnection();
  const [server, setServer] = useState<ChatServerConfig | undefined>();
  const actor = status.kind === 'signed-in' ? status.actor : undefined;
  const username = actor?.tenantId ? actor.username : undefined;

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (username === undefined || server) return undefined;
    const controller = new AbortController();
    let retry: number | undefined;
    fetchClientConfig(controller.signal).then(
      (config) => setServer(config.chat),
      () => {
        // The server is unreachable for a moment: ask again, more slowly each time.
        if (!controller.signal.aborted)
          retry = window.setTimeout(() => setAttempt((n) => n + 1), Math.min(30_000, 2000 * 2 ** attempt));
      },
    );
    return () => {
      controller.abort();
      window.clearTimeout(retry);
    };
  }, [username, server, attempt]);

  // The session learns which chat device this browser uses, and logs it out when it ends (ADR 0029).
  useEffect(() => {
    connection?.setDeviceBinder(api ? (deviceId) => api.bindChatDevice(deviceId) : undefined);
  }, [connection, api]);

  useEffect(() => {
    if (!connection) return;
    if (status.kind === 'signed-out') void connection.disconnect();
    if (username !== undefined && server) connection.connect(server, expectedUserId(username, server.serverName));
  }, [connection, status.kind, username, server]);

  return null;
}
