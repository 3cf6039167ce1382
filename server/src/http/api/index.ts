import { Router } from 'express';
import type { DocumentsDeps } from '../../commands/documents/documentAccess.js';
import type { ChatRooms } from '../../domain/ports/chat.js';
import type { IdentityDirectory } from '../../domain/ports/identity.js';
import type { ChatDevices } from '../../domain/ports/chatDevices.js';
import type { MeetingSignals, MeetingTokens } from '../../domain/ports/meetings.js';
import type { CalendarFiles } from '../../domain/ports/calendar.js';
import type { Store } from '../../domain/ports/store.js';
import { roomRoutes } from './roomRoutes.js';
import { memoryRateLimiters, type RateLimiter, type RateLimiters } from '../rateLimit.js';
import type { ApiRoute, PersonLimit } from './apiRoute.js';
import { apiRouter, rawBodyMarker } from './apiRouter.js';
import { documentRoutes } from './documentRoutes.js';
import { auditRoutes } from './auditRoutes.js';
import { chatDeviceRoutes } from './chatDeviceRoutes.js';
import { collabRoutes } from './collabRoutes.js';
import { documentActionRoutes, type DocumentActionDeps } from './documentActionRoutes.js';
import { meetingRoutes } from './meetingRoutes.js';
import { admissionRoutes } from './admissionRoutes.js';
import { scheduleRoutes } from './scheduleRoutes.js';
import { openApiDocument } from './openapi.js';
import { peopleRoutes } from './peopleRoutes.js';
import { privacyRoutes } from './privacyRoutes.js';
import { tenantRoutes } from './tenantRoutes.js';

export type { DocumentActionDeps };

/** Requests per person and minute of each limited kind (uploads, exports, shares, meeting events). */
export type PersonRateLimits = Record<PersonLimit, number>;

export interface MeetingApiDeps {
  /** The video system; null when the deployment has none. */
  tokens: MeetingTokens | null;
  /** The server's key for guest links' secrets. */
  guestLinkKey: string;
  /** Calls of the public guest-link routes per address and minute. */
  guestCallsPerMinute: number;
  /** Signed calls of the video system (LiveKit's webhooks) per address and minute; 1200 unless set. */
  signedCallsPerMinute?: number;
  /** The video system's signed reports of who joins and leaves (LiveKit's webhooks); absent without. */
  signals?: MeetingSignals | null;
  /** Writes planned meetings' calendar files (ADR 0052). */
  calendar: CalendarFiles;
}

/** The outside systems routes ask directly (most of them are reached through the outbox instead). */
export interface ApiSystems {
  chat: ChatRooms;
  identity: IdentityDirectory;
  /** People's own chat devices, which they may remove. */
  chatDevices: ChatDevices;
}

export function apiRoutes(
  store: Store,
  { chat, identity, chatDevices }: ApiSystems,
  publicUrl: string,
  meetings: MeetingApiDeps,
  documents: DocumentsDeps,
  documentActions: DocumentActionDeps,
): ApiRoute[] {
  return [
    ...tenantRoutes(store),
    ...peopleRoutes(store, { identity, chat }),
    ...chatDeviceRoutes({ store, devices: chatDevices }),
    ...roomRoutes({ store, chat, now: Date.now }),
    ...meetingRoutes(
      { store, tokens: meetings.tokens, publicUrl, linkKey: meetings.guestLinkKey },
      { maxUploadBytes: documents.defaultMaxUploadBytes, quotaBytes: documents.tenantQuotaBytes ?? null },
      meetings.signals ?? null,
    ),
    ...admissionRoutes({ store }),
    ...scheduleRoutes({ store, calendar: meetings.calendar, publicUrl }),
    ...documentRoutes(documents),
    ...documentActionRoutes(documentActions),
    ...auditRoutes(store),
    ...collabRoutes(store),
    ...privacyRoutes(store, documents.storage),
  ];
}

/**
 * Everything under /api that the route table describes, plus its OpenAPI
 * document; `rawBodies` marks the requests whose body is a stream for the
 * handler (mounted before the JSON parser).
 */
export function api(
  store: Store,
  systems: ApiSystems,
  publicUrl: string,
  meetings: MeetingApiDeps,
  documents: DocumentsDeps,
  documentActions: DocumentActionDeps,
  perPersonPerMinute?: PersonRateLimits,
  adminWritesPerMinute = 300,
  limiters: RateLimiters = memoryRateLimiters,
): { router: Router; rawBodies: Router } {
  const routes = apiRoutes(store, systems, publicUrl, meetings, documents, documentActions);
  const router = Router();
  const document = openApiDocument(routes, publicUrl);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use(
    apiRouter(
      routes,
      limiters('admin-writes', adminWritesPerMinute, 60_000),
      {
        guests: limiters('public-calls', meetings.guestCallsPerMinute, 60_000),
        signedCallers: limiters('signed-calls', meetings.signedCallsPerMinute ?? 1200, 60_000),
      },
      perPersonPerMinute === undefined
        ? {}
        : (Object.fromEntries(
            Object.entries(perPersonPerMinute).map(([kind, limit]) => [kind, limiters(kind, limit, 60_000)]),
          ) as Record<PersonLimit, RateLimiter>),
    ),
  );
  return { router, rawBodies: rawBodyMarker(routes) };
}
