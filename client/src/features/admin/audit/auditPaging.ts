import { type AuditEntry, type AuditPage } from '@arbeitsbereich/contract';

/** The entries shown so far and where the next page starts ("Mehr laden"). */
export interface AuditPaging {
  entries: AuditEntry[];
  nextCursor: string | null;
}

export const NO_ENTRIES: AuditPaging = { entries: [], nextCursor: null };

export function firstPage(page: AuditPage): AuditPaging {
  return { entries: page.entries, nextCursor: page.nextCursor };
}

/** Adds the next page below; an entry already shown (e.g. written meanwhile) is not shown twice. */
export function appendPage(paging: AuditPaging, page: AuditPage): AuditPaging {
  const shown = new Set(paging.entries.map((entry) => entry.id));
  return {
    entries: [...paging.entries, ...page.entries.filter((entry) => !shown.has(entry.id))],
    nextCursor: page.nextCursor,
  };
}

export function hasMore(paging: AuditPaging): boolean {
  return paging.nextCursor !== null;
}
