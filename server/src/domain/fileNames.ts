/**
 * Names of library entries as people typed them or their browser sent them,
 * made safe to show, store and hand to any operating system on download.
 */

/** The name an entry gets when nothing usable is left of the one given. */
export const defaultEntryName = 'Unbenannt';

const maxNameBytes = 255;

// C0 and C1 control characters, DEL, and the invisible marks that reorder or
// hide text (bidi embeddings, overrides and isolates, the byte order mark):
// "rechnung\u202Efdp.exe" must not show as "rechnungexe.pdf".
// eslint-disable-next-line no-control-regex
const invisible = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Characters Windows refuses in file names (the path separators are gone already).
const windowsReserved = /[<>:"|?*]/g;
// Device names Windows reserves regardless of the extension.
const windowsDevice = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** Cuts a string to at most `bytes` bytes of UTF-8, never inside a character. */
function cutToBytes(s: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/** Splits "Bericht.final.pdf" into "Bericht.final" and ".pdf"; names without a (short) extension keep it all. */
export function splitExtension(name: string): { base: string; ext: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot > 16) return { base: name, ext: '' };
  return { base: name.slice(0, dot), ext: name.slice(dot) };
}

/**
 * The safe form of a name: only its last path part, no control or bidi
 * characters, Windows' reserved characters replaced, trimmed, at most 255
 * bytes of UTF-8 (the extension kept), never empty, "." or "..", and no
 * Windows device name.
 */
export function sanitizeEntryName(raw: string): string {
  let name = raw.normalize('NFC').replace(invisible, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(windowsReserved, '_');
  // Windows drops trailing dots and spaces; "." and ".." become empty here.
  name = name.trim().replace(/[. ]+$/, '');
  if (name === '') return defaultEntryName;
  if (windowsDevice.test(name)) name = `_${name}`;
  if (utf8Length(name) > maxNameBytes) {
    const { base, ext } = splitExtension(name);
    name = `${cutToBytes(base, maxNameBytes - utf8Length(ext)).trimEnd()}${ext}`;
  }
  return name;
}

/**
 * The first of "name", "name (2)", "name (3)" … that `taken` does not know
 * (the number goes before a file's extension).
 */
export function unusedName(name: string, isFolder: boolean, taken: (candidate: string) => boolean): string {
  if (!taken(name)) return name;
  const { base, ext } = isFolder ? { base: name, ext: '' } : splitExtension(name);
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = `${cutToBytes(base, maxNameBytes - utf8Length(suffix + ext))}${suffix}${ext}`;
    if (!taken(candidate)) return candidate;
  }
}
