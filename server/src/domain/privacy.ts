/*
 * A person's export and erasure under the GDPR (Art. 15, 17, 20; ADR 0053): the records, the
 * pseudonym that replaces an erased person, and the report of what was erased where.
 */

/** What happens to the documents an erased person created (a tenant policy setting). */
export type ErasureDocumentsRule = 'handover' | 'delete';

export const erasureDocumentsRules: readonly ErasureDocumentsRule[] = ['handover', 'delete'];

/** An archive of a person's data: asked for, made by a job, downloadable until it expires. */
export interface DataExport {
  id: string;
  tenantId: string;
  personId: string;
  requestedBy: string;
  requestedByName: string;
  state: 'pending' | 'ready' | 'failed' | 'expired';
  storageKey: string | null;
  size: number | null;
  error: string | null;
  createdAt: number;
  readyAt: number | null;
  expiresAt: number | null;
}

/** How long a finished archive can be downloaded: a week, then its bytes are removed. */
export const EXPORT_LIFETIME_MS = 7 * 24 * 3600_000;

/** Where archives' bytes are stored, apart from the documents' versions. */
export const exportStoragePrefix = 'exports/';

/** Where an archive's bytes are stored. */
export const exportStorageKey = (tenantId: string, exportId: string): string =>
  `${exportStoragePrefix}${tenantId}/${exportId}.zip`;

/** One part of the workspace and what the erasure did there. */
export interface ErasureReportPart {
  /** 'keycloak', 'synapse', 'workspace', 'audit', 'documents', 'storage', 'meetings', 'sessions'. */
  part: string;
  /** What was done, in words of its own (English; the client shows its own sentence per part). */
  outcome: string;
  /** How many records it concerned, where counting means something. */
  count?: number;
}

export interface ErasureReportDocument {
  entryId: string;
  roomId: string;
  /** 'deleted', or 'handed-over' (to `to`, a person of the room or the tenant). */
  action: 'deleted' | 'handed-over';
  to?: string;
  versions: number;
}

export interface ErasureReport {
  erasureId: string;
  pseudonym: string;
  tenantId: string;
  requestedBy: string;
  requestedAt: number;
  finishedAt: number;
  documentsRule: ErasureDocumentsRule;
  parts: ErasureReportPart[];
  documents: ErasureReportDocument[];
}

export interface Erasure {
  id: string;
  tenantId: string;
  personId: string;
  pseudonym: string;
  requestedBy: string;
  requestedByName: string;
  state: 'pending' | 'done';
  documentsRule: ErasureDocumentsRule;
  report: ErasureReport | null;
  createdAt: number;
  finishedAt: number | null;
}

/** A pseudonym from random hex: it says nothing about the person and is the same wherever it stands. */
export const pseudonymOf = (randomHex: string): string => `erased-${randomHex.slice(0, 12)}`;

/**
 * The value with every string that contains one of the identifiers (username, e-mail, name)
 * rewritten to the pseudonym; objects and arrays are walked, other values stay.
 */
export function pseudonymised(value: unknown, identifiers: readonly string[], pseudonym: string): unknown {
  const needles = identifiers.map((id) => id.trim()).filter((id) => id.length >= 2);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v;
      for (const needle of needles) out = replaceAllIgnoringCase(out, needle, pseudonym);
      return out;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([key, inner]) => [key, walk(inner)]));
    }
    return v;
  };
  return walk(value);
}

function replaceAllIgnoringCase(text: string, needle: string, replacement: string): string {
  const lower = text.toLowerCase();
  const find = needle.toLowerCase();
  let at = lower.indexOf(find);
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    out += text.slice(from, at) + replacement;
    from = at + find.length;
    at = lower.indexOf(find, from);
  }
  return out + text.slice(from);
}

/** Whether the typed confirmation names the person (spaces and case do not matter). */
export function confirmsName(typed: string, person: { firstName: string; lastName: string }): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(typed) === norm(`${person.firstName} ${person.lastName}`);
}
