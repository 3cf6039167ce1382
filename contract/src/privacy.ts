import { z } from 'zod';
import { id } from './common.js';

/* A person's export and erasure under the GDPR (Art. 15, 17, 20; ADR 0053). */

export const exportParams = z.object({ tenantId: id, personId: id, exportId: id });
export const erasureParams = z.object({ tenantId: id, erasureId: id });

export const exportState = z
  .enum(['pending', 'ready', 'failed', 'expired'])
  .describe('pending: being made; ready: can be downloaded until expiresAt; failed; expired: removed');

export const dataExportOut = z
  .object({
    id,
    state: exportState,
    size: z.number().int().nullable().describe('Bytes of the archive, once ready'),
    error: z.string().nullable(),
    requestedByName: z.string(),
    createdAt: z.string(),
    readyAt: z.string().nullable(),
    expiresAt: z.string().nullable().describe('After this the archive is removed'),
  })
  .meta({ id: 'DataExport' });
export type DataExport = z.output<typeof dataExportOut>;

export const dataExportList = z.object({ exports: z.array(dataExportOut) }).meta({ id: 'DataExportList' });
export type DataExportList = z.output<typeof dataExportList>;

export const erasureDocumentsRule = z
  .enum(['handover', 'delete'])
  .describe('What happens to the documents an erased person created: handed over to the room’s owners, or deleted');
export type ErasureDocumentsRule = z.output<typeof erasureDocumentsRule>;

export const erasureIn = z
  .object({
    confirmName: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .describe('The person’s first and last name, typed by the admin to confirm (422 if it differs)'),
  })
  .strict()
  .meta({ id: 'ErasureInput' });

const reportPart = z.object({ part: z.string(), outcome: z.string(), count: z.number().int().optional() });
const reportDocument = z.object({
  entryId: z.string(),
  roomId: z.string(),
  action: z.enum(['deleted', 'handed-over']),
  to: z.string().optional(),
  versions: z.number().int(),
});

export const erasureReport = z
  .object({
    erasureId: id,
    pseudonym: z.string(),
    tenantId: id,
    requestedBy: z.string(),
    requestedAt: z.number().describe('Epoch ms'),
    finishedAt: z.number().describe('Epoch ms'),
    documentsRule: erasureDocumentsRule,
    parts: z.array(reportPart).describe('Each part of the workspace and what the erasure did there'),
    documents: z.array(reportDocument).describe('Each document of the person: deleted or handed over (to whom)'),
  })
  .meta({ id: 'ErasureReport' });
export type ErasureReport = z.output<typeof erasureReport>;

export const erasureOut = z
  .object({
    id,
    personId: id,
    pseudonym: z.string().describe('What replaces the person in the audit log and on documents'),
    state: z.enum(['pending', 'done']).describe('pending until every part has followed'),
    documentsRule: erasureDocumentsRule,
    requestedByName: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    report: erasureReport.nullable().describe('What was erased where; once done'),
  })
  .meta({ id: 'Erasure' });
export type Erasure = z.output<typeof erasureOut>;

export const erasureList = z.object({ erasures: z.array(erasureOut) }).meta({ id: 'ErasureList' });
export type ErasureList = z.output<typeof erasureList>;

export const erasureRuleIn = z.object({ documents: erasureDocumentsRule }).strict().meta({ id: 'ErasureRuleInput' });
export const erasureRuleOut = z.object({ documents: erasureDocumentsRule }).meta({ id: 'ErasureRule' });
