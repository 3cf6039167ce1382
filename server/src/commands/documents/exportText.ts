import type { ExportFormat } from '@arbeitsbereich/contract';
import type { Readable } from 'node:stream';
import { exportFileName } from '../../domain/documentFormats.js';
import { DomainError, unavailable } from '../../domain/errors.js';
import { ConversionBusyError, ConversionTimeoutError, type DocumentConverter } from '../../domain/ports/conversion.js';
import type { Store } from '../../domain/ports/store.js';
import type { TextDocumentSource } from '../../domain/ports/textDocuments.js';
import type { CommandContext } from '../context.js';
import { loadDocumentFor } from './loadDocument.js';

export const exportContentTypes: Record<ExportFormat, string> = {
  odt: 'application/vnd.oasis.opendocument.text',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export interface ExportDeps {
  store: Store;
  converter: DocumentConverter;
  /** Null until the collaboration server provides the documents' content. */
  texts: TextDocumentSource | null;
}

export interface ExportedFile {
  stream: Readable;
  size: number;
  fileName: string;
  contentType: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Elements that would make LibreOffice load something from elsewhere while it
 * converts (images, frames, styles, scripts). The editor's schema has none of
 * them; removing them is the second line, so a conversion never fetches a URL.
 */
const fetchingElements =
  /<(script|style|iframe|object|embed|video|audio|source|img|image|link|base|meta|svg|frame|frameset|applet)\b[^>]*>(?:[\s\S]*?<\/\1\s*>)?/gi;

/** The document as a whole HTML page in UTF-8, titled with its name. */
export function conversionHtml(name: string, body: string): string {
  const inner = body
    .replace(/^[\s\S]*?<body[^>]*>/i, '')
    .replace(/<\/body>[\s\S]*$/i, '')
    .replace(fetchingElements, '')
    .replace(/\s(?:style|background|src|srcset|poster|data|lowsrc|dynsrc)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(name)}</title></head><body>${inner}</body></html>`;
}

/**
 * A collaborative text document as an ODT, DOCX or PDF file: its content as
 * HTML, converted by LibreOffice in the conversion queue (the caller waits its
 * turn). `deliver` gets the file while it exists; it is removed afterwards.
 */
export async function exportTextDocument<T>(
  deps: ExportDeps,
  ctx: CommandContext,
  ids: { tenantId: string; roomId: string; entryId: string },
  format: ExportFormat,
  deliver: (file: ExportedFile) => Promise<T>,
): Promise<T> {
  const { entry } = await loadDocumentFor(deps.store, ctx, 'document.read', ids);
  if (entry.kind !== 'text') {
    throw new DomainError(
      'invalid',
      'Nur Textdokumente lassen sich exportieren. / Only text documents can be exported.',
      undefined,
      'not-a-text-document',
    );
  }
  if (!deps.texts) throw unavailable('Text documents are not available yet', 'texts-not-configured');
  const html = conversionHtml(entry.name, await deps.texts.html(entry.id));
  try {
    return await deps.converter.convert(
      { fileName: 'document.html', content: Buffer.from(html, 'utf8') },
      format,
      (out) =>
        deliver({
          stream: out.stream,
          size: out.size,
          fileName: exportFileName(entry.name, format),
          contentType: exportContentTypes[format],
        }),
    );
  } catch (error) {
    // A full queue or a conversion stopped at its limit: the server is busy, asking again later may work.
    if (error instanceof ConversionBusyError || error instanceof ConversionTimeoutError) {
      throw unavailable(
        'Die Umwandlung ist gerade nicht möglich; bitte später erneut versuchen. / The conversion is not possible right now; please try again later.',
        'conversion-busy',
      );
    }
    throw error;
  }
}
