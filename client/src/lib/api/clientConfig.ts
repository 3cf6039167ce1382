import { getJson } from './http';
import { record, text, textOrNull } from './shape';

/** The homeserver the chat talks to, and the name of its Keycloak login. */
export interface ChatServerConfig {
  homeserverUrl: string;
  serverName: string;
  identityProviderId: string;
  /** The backend's Matrix account, which sets rooms up. */
  serviceUserId: string;
}

/** The Jitsi deployment meetings run on; null when the installation has none. */
export interface MeetingServerConfig {
  domain: string | null;
}

/** The installation's own legal pages and accessibility contact; null: not given, so not shown. */
export interface LegalLinks {
  imprintUrl: string | null;
  privacyPolicyUrl: string | null;
  accessibilityContactEmail: string | null;
}

export interface ClientConfig {
  chat: ChatServerConfig;
  meetings: MeetingServerConfig;
  legal: LegalLinks;
}

/** GET /api/client-config: the same for everyone, no session needed. */
export async function fetchClientConfig(signal?: AbortSignal): Promise<ClientConfig> {
  const { body } = await getJson('/api/client-config', signal ? { signal } : {});
  const chat = record(record(body).chat);
  const meetings = record(body).meetings;
  const legal = record(body).legal === undefined ? {} : record(record(body).legal);
  return {
    meetings: { domain: meetings === undefined ? null : textOrNull(record(meetings).domain) },
    legal: {
      imprintUrl: textOrNull(legal.imprintUrl),
      privacyPolicyUrl: textOrNull(legal.privacyPolicyUrl),
      accessibilityContactEmail: textOrNull(legal.accessibilityContactEmail),
    },
    chat: {
      homeserverUrl: text(chat.homeserverUrl),
      serverName: text(chat.serverName),
      identityProviderId: text(chat.identityProviderId),
      serviceUserId: text(chat.serviceUserId),
    },
  };
}
