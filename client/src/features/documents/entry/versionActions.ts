import { can, type DocumentEntry, type DocumentVersion } from '@arbeitsbereich/contract';

/** What the versions dialog offers for an entry: files' versions are downloads, a text document's are snapshots. */
export interface VersionsOffer {
  /** "Version speichern": keep a text document's current content as a version. */
  save: boolean;
  /** Sizes mean something for files only (a text version's size is that of its editing state). */
  sizes: boolean;
  /**
   * Per version: a download link (files; text leaves through its export), "Wiederherstellen" (older
   * ones) and "Vergleichen" with the current version (a text document's older ones).
   */
  actions: (version: Pick<DocumentVersion, 'current'>) => { download: boolean; restore: boolean; compare: boolean };
}

export function versionsOffer(entry: Pick<DocumentEntry, 'kind' | 'abilities'>): VersionsOffer {
  const text = entry.kind === 'text';
  const write = can(entry.abilities, 'document.write');
  return {
    save: text && write,
    sizes: !text,
    actions: (version) => ({ download: !text, restore: write && !version.current, compare: text && !version.current }),
  };
}
