/** The server takes at most 1 MB of JSON; a file much larger than that cannot be imported. */
export const MAX_CSV_BYTES = 900_000;

export type CsvReadResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'empty' | 'unreadable' };

/**
 * The text of a CSV file. UTF-8 (with or without byte order mark) is read as such; a file
 * that is not valid UTF-8 is read as Windows-1252, as older spreadsheet programs save it.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export async function readCsvFile(file: Blob): Promise<CsvReadResult> {
  if (file.size > MAX_CSV_BYTES) return { ok: false, reason: 'too-large' };
  if (file.size === 0) return { ok: false, reason: 'empty' };
  try {
    const text = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    return text.trim() === '' ? { ok: false, reason: 'empty' } : { ok: true, text };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

/** Lines of a CSV text that hold something, for "N Zeilen" before the check. */
export function countDataRows(text: string): number {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return Math.max(0, lines.length - 1);
}
