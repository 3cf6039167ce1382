/**
 * Which faces of a room are in view. Normally the chosen one. While a face is live (a running
 * meeting) it stays in view first, and the chosen face — or, if the live one is chosen, the
 * first other face (the chat) — is shown beside it.
 */
export function visibleFaces(ids: readonly string[], selected: string, live: ReadonlySet<string>): string[] {
  const liveIds = ids.filter((id) => live.has(id));
  if (liveIds.length === 0) return ids.includes(selected) ? [selected] : ids.slice(0, 1);
  const companion = live.has(selected) || !ids.includes(selected) ? ids.find((id) => !live.has(id)) : selected;
  return companion === undefined ? liveIds : [...liveIds, companion];
}

/** The tab a key moves to (arrows wrap around, Home and End go to the ends), or undefined for other keys. */
export function nextTabIndex(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
