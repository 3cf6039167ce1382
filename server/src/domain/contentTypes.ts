/**
 * Which media type a stored file gets. The uploader's claim is never trusted:
 * the type comes from the content's first bytes, and types a browser would
 * run (HTML, SVG, XML, scripts) are never stored as such, so a download can
 * never become a page of ours. Downloads are attachments anyway (see the
 * content route); this is the second line.
 */

/** How many bytes from the start the detection looks at. */
export const sniffBytes = 4100;

export const binaryType = 'application/octet-stream';
export const textType = 'text/plain; charset=utf-8';

const activeTypes = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'application/xml',
  'text/xml',
  'application/javascript',
  'text/javascript',
  'application/ecmascript',
  'application/x-shockwave-flash',
  'application/wasm',
]);

/** Whether the bytes look like UTF-8 text: no NUL, and valid UTF-8 (a character cut at the end is fine). */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The type to store for content whose magic numbers were detected as
 * `detected` (undefined: nothing recognised) and which begins with `head`.
 */
export function storedContentType(detected: string | undefined, head: Uint8Array): string {
  if (detected !== undefined) {
    const type = detected.toLowerCase();
    if (activeTypes.has(type) || type.endsWith('+xml')) return looksLikeText(head) ? textType : binaryType;
    return type;
  }
  return looksLikeText(head) ? textType : binaryType;
}
