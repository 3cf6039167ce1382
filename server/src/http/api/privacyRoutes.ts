import {
  dataExportList,
  dataExportOut,
  erasureIn,
  erasureList,
  erasureOut,
  erasureParams,
  erasureRuleIn,
  erasureRuleOut,
  exportParams,
  personParams,
  tenantParams,
} from '@arbeitsbereich/contract';
import { listExports, openExport, requestExport } from '../../commands/privacy/dataExports.js';
import {
  getErasure,
  getErasureRule,
  listErasures,
  requestErasure,
  setErasureRule,
} from '../../commands/privacy/erasure.js';
import type { FileStorage } from '../../domain/ports/files.js';
import type { Store } from '../../domain/ports/store.js';
import type { DataExport, Erasure } from '../../domain/privacy.js';
import { sendFile } from '../fileResponse.js';
import { route } from './apiRoute.js';
import { contextOf } from './commandContext.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const presentExport = (e: DataExport) => ({
  id: e.id,
  state: e.state,
  size: e.size,
  error: e.error,
  requestedByName: e.requestedByName,
  createdAt: new Date(e.createdAt).toISOString(),
  readyAt: iso(e.readyAt),
  expiresAt: iso(e.expiresAt),
});

const presentErasure = (e: Erasure) => ({
  id: e.id,
  personId: e.personId,
  pseudonym: e.pseudonym,
  state: e.state,
  documentsRule: e.documentsRule,
  requestedByName: e.requestedByName,
  createdAt: new Date(e.createdAt).toISOString(),
  finishedAt: iso(e.finishedAt),
  report: e.report,
});

/** A person's export and erasure (GDPR Art. 15, 17, 20; ADR 0053). */
export function privacyRoutes(store: Store, files: FileStorage) {
  return [
    route({
      method: 'post',
      path: '/tenants/:tenantId/people/:personId/exports',
      operationId: 'requestDataExport',
      summary: 'Ask for an archive of the person’s data (the person, or an admin of their tenant); a job makes it',
      tag: 'privacy',
      params: personParams,
      personLimit: 'exports',
      responses: {
        202: { description: 'Queued (or the one still being made)', schema: dataExportOut },
        409: { description: 'The person is erased' },
      },
      handler: async (input) => {
        const { tenantId, personId } = input.params;
        return { status: 202, body: presentExport(await requestExport(store, contextOf(input), tenantId, personId)) };
      },
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/people/:personId/exports',
      operationId: 'listDataExports',
      summary: 'The person’s latest exports, newest first',
      tag: 'privacy',
      params: personParams,
      responses: { 200: { description: 'The exports', schema: dataExportList } },
      handler: async (input) => {
        const { tenantId, personId } = input.params;
        const exports = await listExports(store, contextOf(input), tenantId, personId);
        return { body: { exports: exports.map(presentExport) } };
      },
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/people/:personId/exports/:exportId/archive',
      operationId: 'downloadDataExport',
      summary: 'The archive (zip) of a ready export, until it expires',
      tag: 'privacy',
      params: exportParams,
      responses: {
        200: { description: 'The archive', binary: 'application/zip' },
        404: { description: 'No such export of this person' },
        409: { description: 'The export is not ready (yet)' },
        410: { description: 'The export has expired' },
      },
      handler: async (input) => {
        const { tenantId, personId, exportId } = input.params;
        const archive = await openExport(store, files, contextOf(input), tenantId, personId, exportId);
        await sendFile(
          input.res,
          { ...archive, contentType: 'application/zip' },
          { disposition: 'attachment', cacheControl: 'private, no-store' },
        );
        return { sent: true };
      },
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/people/:personId/erasure',
      operationId: 'erasePerson',
      summary:
        'Erase the person everywhere (tenant admins; the person’s name typed to confirm); a job does it and writes the report',
      tag: 'privacy',
      params: personParams,
      body: erasureIn,
      adminWrite: true,
      responses: {
        202: { description: 'Queued; the erasure’s state and report follow', schema: erasureOut },
        409: { description: 'The person is erased already' },
        422: { description: 'The name typed is not the person’s name' },
      },
      handler: async (input) => {
        const { tenantId, personId } = input.params;
        const erasure = await requestErasure(store, contextOf(input), tenantId, personId, input.body.confirmName);
        return { status: 202, body: presentErasure(erasure) };
      },
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/erasures',
      operationId: 'listErasures',
      summary: 'The tenant’s erasures with their reports, newest first (tenant admins)',
      tag: 'privacy',
      params: tenantParams,
      responses: { 200: { description: 'The erasures', schema: erasureList } },
      handler: async (input) => ({
        body: { erasures: (await listErasures(store, contextOf(input), input.params.tenantId)).map(presentErasure) },
      }),
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/erasures/:erasureId',
      operationId: 'getErasure',
      summary: 'One erasure and its report of what was erased where (tenant admins)',
      tag: 'privacy',
      params: erasureParams,
      responses: { 200: { description: 'The erasure', schema: erasureOut }, 404: { description: 'No such erasure' } },
      handler: async (input) => {
        const { tenantId, erasureId } = input.params;
        return { body: presentErasure(await getErasure(store, contextOf(input), tenantId, erasureId)) };
      },
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/erasure-rule',
      operationId: 'getErasureRule',
      summary: 'The tenant’s rule for the documents of an erased person',
      tag: 'privacy',
      params: tenantParams,
      responses: { 200: { description: 'The rule', schema: erasureRuleOut } },
      handler: async (input) => ({
        body: { documents: await getErasureRule(store, contextOf(input), input.params.tenantId) },
      }),
    }),
    route({
      method: 'put',
      path: '/tenants/:tenantId/erasure-rule',
      operationId: 'setErasureRule',
      summary: 'Set the tenant’s rule for the documents of an erased person: hand over or delete',
      tag: 'privacy',
      params: tenantParams,
      body: erasureRuleIn,
      adminWrite: true,
      responses: { 200: { description: 'Set', schema: erasureRuleOut } },
      handler: async (input) => ({
        body: { documents: await setErasureRule(store, contextOf(input), input.params.tenantId, input.body.documents) },
      }),
    }),
  ];
}
