const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A byte count for people: "980 B", "1,5 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

/** Whether a file of `size` bytes may be sent at all; a missing limit lets the server decide. */
export function exceedsLimit(size: number, maxBytes: number | null): boolean {
  return maxBytes !== null && size > maxBytes;
}

/** Percent done, 0–100, for a progress bar; 100 for an empty file. */
export function percentDone(loaded: number, total: number): number {
  if (total <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round((loaded / total) * 100)));
}
