import { z } from 'zod';
import { meetingProviders } from './meetings.js';

/** The homeserver the chat talks to, and the name of its Keycloak login. */
export const chatServerConfig = z.object({
  homeserverUrl: z.string().describe('The homeserver as browsers reach it'),
  serverName: z.string().describe('The homeserver’s name, the part after the colon of its ids'),
  identityProviderId: z.string().describe('The homeserver’s name of the Keycloak login'),
  serviceUserId: z
    .string()
    .describe('The backend’s own Matrix account, which sets rooms up; clients leave its doings out of the timeline'),
});
export type ChatServerConfig = z.output<typeof chatServerConfig>;

/** The video system meetings run on; `domain` is null when the installation has none. */
export const meetingServerConfig = z.object({
  domain: z.string().nullable(),
  /** An answer without it (an older server) reads as Jitsi. */
  provider: z.enum(meetingProviders).nullable().catch('jitsi'),
});
export type MeetingServerConfig = z.output<typeof meetingServerConfig>;

/** The installation's own legal pages and accessibility contact; null: not given, so not shown. */
export const legalLinks = z.object({
  imprintUrl: z.string().nullable().describe('The Impressum'),
  privacyPolicyUrl: z.string().nullable().describe('The Datenschutzerklärung'),
  accessibilityContactEmail: z
    .string()
    .nullable()
    .describe('Where people report barriers; named in the accessibility statement'),
});
export type LegalLinks = z.output<typeof legalLinks>;

export const noLegalLinks: LegalLinks = { imprintUrl: null, privacyPolicyUrl: null, accessibilityContactEmail: null };

/** GET /api/client-config: the same for everyone, no session needed. */
export const clientConfig = z.object({
  chat: chatServerConfig,
  /** An answer without it (an older server) reads as no Jitsi deployment. */
  meetings: meetingServerConfig.catch({ domain: null, provider: null }),
  /** An answer without them (an older server) reads as none given. */
  legal: legalLinks.catch(noLegalLinks),
});
export type ClientConfig = z.output<typeof clientConfig>;
