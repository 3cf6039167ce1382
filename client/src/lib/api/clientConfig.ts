import { getJson } from './http';
import { record, text } from './shape';

/** The homeserver the chat talks to, and the name of its Keycloak login. */
export interface ChatServerConfig {
  homeserverUrl: string;
  serverName: string;
  identityProviderId: string;
  /** The backend's Matrix account, which sets rooms up. */
  serviceUserId: string;
}

/** GET /api/client-config: the same for everyone, no session needed. */
export async function fetchClientConfig(signal?: AbortSignal): Promise<{ chat: ChatServerConfig }> {
  const { body } = await getJson('/api/client-config', signal ? { signal } : {});
  const chat = record(record(body).chat);
  return {
    chat: {
      homeserverUrl: text(chat.homeserverUrl),
      serverName: text(chat.serverName),
      identityProviderId: text(chat.identityProviderId),
      serviceUserId: text(chat.serviceUserId),
    },
  };
}
