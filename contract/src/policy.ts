import { z } from 'zod';
import { abilities } from './abilities.js';

/* What a tenant allows: meetings at all, guests in them, recording; the second factor for everybody; the largest upload. */

/** Meetings at all, guests in them, recording. */
const switches = { meetings: z.boolean(), guests: z.boolean(), recording: z.boolean() };
const secondFactor = z.boolean().describe('Everybody of the tenant signs in with a second factor, not only its admins');

export const tenantPolicyIn = z
  .object({
    ...switches,
    secondFactor: secondFactor.optional().describe('Left out: unchanged'),
    maxUploadMb: z
      .number()
      .int()
      .min(1)
      .nullable()
      .describe(
        'Largest upload in whole MB, from 1 to the installation’s limit (`maxUploadMbCeiling`, 422 above it); null: the installation’s default',
      )
      .optional()
      .describe('Left out: unchanged'),
  })
  .strict()
  .meta({ id: 'TenantPolicyInput' });
export type TenantPolicyChanges = z.input<typeof tenantPolicyIn>;

export const tenantPolicyOut = z
  .object({
    ...switches,
    secondFactor,
    maxUploadMb: z
      .number()
      .nullable()
      .describe('Largest upload of the tenant’s document libraries in MB; null: the installation’s default'),
    maxUploadMbCeiling: z
      .number()
      .int()
      .describe('The installation’s largest upload in MB: the highest a tenant may set'),
    storage: z
      .object({
        usedBytes: z.number().int().describe('Bytes of all versions of the tenant’s documents, trash included'),
        quotaBytes: z.number().int().nullable().describe('The installation’s quota per tenant; null: none'),
      })
      .describe('What the tenant’s documents take in storage'),
    abilities: abilities.describe('What the caller may do'),
  })
  .meta({ id: 'TenantPolicy' });

const { maxUploadMb, maxUploadMbCeiling, storage } = tenantPolicyOut.shape;

/**
 * How the client reads the policy: an answer without the upload limits, the storage or the
 * abilities (a server older than the page) reads as "not said" rather than as a broken page.
 */
export const tenantPolicyReading = tenantPolicyOut.extend({
  maxUploadMb: maxUploadMb.catch(null),
  maxUploadMbCeiling: maxUploadMbCeiling.nullable().catch(null),
  storage: storage.nullable().catch(null),
  abilities: abilities.catch({}),
});
export type TenantPolicy = z.output<typeof tenantPolicyReading>;
