import {
  dataExportList,
  dataExportOut,
  erasureList,
  erasureOut,
  erasureRuleOut,
  type DataExport,
  type Erasure,
  type ErasureDocumentsRule,
} from '@arbeitsbereich/contract';
import { getJson, sendJson } from './http';
import { parseWith } from './parse';
import { tenantPath } from './tenants';

/* A person's export and erasure (GDPR; ADR 0053). */

const exportsPath = (tenantId: string, personId: string): string =>
  `${tenantPath(tenantId)}/people/${encodeURIComponent(personId)}/exports`;

export interface PrivacyApi {
  /** Asks for an archive of the person's data; a job makes it. */
  requestExport(tenantId: string, personId: string): Promise<DataExport>;
  listExports(tenantId: string, personId: string, signal?: AbortSignal): Promise<DataExport[]>;
  /** Where a ready archive is downloaded (the browser's own download, with the session's cookie). */
  archiveHref(tenantId: string, personId: string, exportId: string): string;
  /** Erases the person; `confirmName` is their name as the admin typed it. */
  erase(tenantId: string, personId: string, confirmName: string): Promise<Erasure>;
  getErasure(tenantId: string, erasureId: string, signal?: AbortSignal): Promise<Erasure>;
  listErasures(tenantId: string, signal?: AbortSignal): Promise<Erasure[]>;
  getErasureRule(tenantId: string, signal?: AbortSignal): Promise<ErasureDocumentsRule>;
  setErasureRule(tenantId: string, documents: ErasureDocumentsRule): Promise<ErasureDocumentsRule>;
}

export function createPrivacyApi(csrfToken: string): PrivacyApi {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    requestExport: async (tenantId, personId) =>
      parseWith(dataExportOut, (await sendJson('POST', exportsPath(tenantId, personId), { csrfToken })).body),
    listExports: async (tenantId, personId, signal) =>
      parseWith(dataExportList, (await getJson(exportsPath(tenantId, personId), opts(signal))).body).exports,
    archiveHref: (tenantId, personId, exportId) =>
      `${exportsPath(tenantId, personId)}/${encodeURIComponent(exportId)}/archive`,
    erase: async (tenantId, personId, confirmName) =>
      parseWith(
        erasureOut,
        (
          await sendJson('POST', `${tenantPath(tenantId)}/people/${encodeURIComponent(personId)}/erasure`, {
            csrfToken,
            body: { confirmName },
          })
        ).body,
      ),
    getErasure: async (tenantId, erasureId, signal) =>
      parseWith(
        erasureOut,
        (await getJson(`${tenantPath(tenantId)}/erasures/${encodeURIComponent(erasureId)}`, opts(signal))).body,
      ),
    listErasures: async (tenantId, signal) =>
      parseWith(erasureList, (await getJson(`${tenantPath(tenantId)}/erasures`, opts(signal))).body).erasures,
    getErasureRule: async (tenantId, signal) =>
      parseWith(erasureRuleOut, (await getJson(`${tenantPath(tenantId)}/erasure-rule`, opts(signal))).body).documents,
    setErasureRule: async (tenantId, documents) =>
      parseWith(
        erasureRuleOut,
        (await sendJson('PUT', `${tenantPath(tenantId)}/erasure-rule`, { csrfToken, body: { documents } })).body,
      ).documents,
  };
}
