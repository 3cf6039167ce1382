import { z } from 'zod';

/* What is done with a library's documents besides keeping them: exports, links in the chat, the office suite. */

export const exportFormats = ['odt', 'docx', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportQuery = z.object({ format: z.enum(exportFormats) });

/** POST …/entries/:entryId/share. */
export const sharedLinkOut = z
  .object({ url: z.string().describe('The link the notice carries') })
  .meta({ id: 'SharedLink' });
export type SharedLink = z.output<typeof sharedLinkOut>;

/** POST …/entries/:entryId/wopi. */
export const wopiAccessOut = z
  .object({
    accessToken: z.string(),
    accessTokenTtl: z.number().describe('Expiry, milliseconds since the epoch (WOPI access_token_ttl)'),
    wopiSrc: z.string(),
    write: z.boolean(),
  })
  .meta({ id: 'WopiAccess' });
