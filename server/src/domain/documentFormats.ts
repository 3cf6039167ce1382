import type { PreviewState } from './documents.js';

/** Office and text formats LibreOffice turns into a PDF preview, by content type, with their usual extension. */
const previewable: Readonly<Record<string, string>> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/rtf': 'rtf',
  'text/rtf': 'rtf',
  'text/plain': 'txt',
  'text/csv': 'csv',
};

/**
 * Content types that say only "some container" or "some text": the name's
 * extension decides. Checking content finds the old binary Office formats
 * only as a Compound File (`application/x-cfb`), plain text as nothing at all.
 */
const byExtension: Readonly<Record<string, readonly string[]>> = {
  'application/x-cfb': ['doc', 'xls', 'ppt'],
  'application/octet-stream': ['doc', 'xls', 'ppt', 'txt', 'csv', 'rtf'],
  'text/plain': ['txt', 'csv'],
};

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
};

/**
 * The extension LibreOffice should read a file version as, for its PDF
 * preview; null when the format gets no preview (PDFs and images are shown as
 * they are, everything else is only downloaded).
 */
export function previewSource(contentType: string, fileName: string): string | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const ext = extensionOf(fileName);
  if (byExtension[type]?.includes(ext)) return ext;
  return previewable[type] ?? null;
}

/** The preview state a new file version starts in: pending when a preview job will be queued for it. */
export function initialPreview(contentType: string, fileName: string): PreviewState {
  return previewSource(contentType, fileName) === null ? 'none' : 'pending';
}

/** An export's file name: the document's name (without a Windows-hostile or path character) and the extension. */
export function exportFileName(name: string, extension: string): string {
  const base = name
    .replace(/\.(odt|docx|pdf|html?)$/i, '')
    // Control characters, path separators and what Windows reserves.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .slice(0, 150);
  return `${base || 'Dokument'}.${extension}`;
}
