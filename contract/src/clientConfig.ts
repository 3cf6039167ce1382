import { z } from 'zod';

/** The homeserver the chat talks to, and the name of its Keycloak login. */
export const chatServerConfig = z.object({
  homeserverUrl: z.string(),
  serverName: z.string(),
  identityProviderId: z.string(),
  /** The backend's own Matrix account, which sets rooms up; clients leave its doings out of the timeline. */
  serviceUserId: z.string(),
});
export type ChatServerConfig = z.output<typeof chatServerConfig>;

/** The Jitsi deployment meetings run on; `domain` is null when the installation has none. */
export const meetingServerConfig = z.object({ domain: z.string().nullable() });
export type MeetingServerConfig = z.output<typeof meetingServerConfig>;

/** GET /api/client-config: the same for everyone, no session needed. */
export const clientConfig = z.object({
  chat: chatServerConfig,
  /** An answer without it (an older server) reads as no Jitsi deployment. */
  meetings: meetingServerConfig.catch({ domain: null }),
});
export type ClientConfig = z.output<typeof clientConfig>;
