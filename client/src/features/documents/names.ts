/** Why a name cannot be an entry's name; undefined when it can. The server decides the rest (clashes). */
export type NameProblem = 'empty' | 'tooLong' | 'slash' | 'dots' | 'control';

export const MAX_NAME_LENGTH = 255;

/** Checks a name as typed (surrounding spaces are dropped before sending). */
export function nameProblem(raw: string): NameProblem | undefined {
  const name = raw.trim();
  if (name === '') return 'empty';
  if (name.length > MAX_NAME_LENGTH) return 'tooLong';
  if (/[/\\]/.test(name)) return 'slash';
  if (name === '.' || name === '..') return 'dots';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control';
  return undefined;
}

/** "Bericht.final.docx" → ["Bericht.final", ".docx"]; names without one, or dot-files, have no extension. */
export function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}

/**
 * The name a picked or dropped file is uploaded under: the browser's file name without any
 * folder part some systems put in front, trimmed; "Datei" when nothing is left.
 */
export function uploadName(fileName: string, fallback: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  const trimmed = base.trim();
  return trimmed === '' || trimmed === '.' || trimmed === '..' ? fallback : trimmed.slice(0, MAX_NAME_LENGTH);
}

/** How much of the name a rename field selects first: the part before the extension, as file managers do. */
export function renameSelection(name: string, isFolder: boolean): [number, number] {
  if (isFolder) return [0, name.length];
  return [0, splitExtension(name)[0].length];
}
