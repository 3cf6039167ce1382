/**
 * `inline` or `attachment` with the name twice: a plain ASCII fallback for old
 * clients and the exact name as RFC 5987/6266 `filename*` (UTF-8, percent-encoded).
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_')
      .trim() || 'download';
  // encodeURIComponent leaves !'()* alone; RFC 5987's attr-char does not allow ' ( ) *.
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

export const attachmentDisposition = (name: string): string => contentDisposition('attachment', name);
