import { describe, expect, it } from 'vitest';
import { exportFileName, initialPreview, previewSource } from './documentFormats.js';

describe('document formats', () => {
  it('previews office and text formats, by content type or, for vague types, by extension', () => {
    expect(
      previewSource('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Bericht.docx'),
    ).toBe('docx');
    expect(previewSource('application/vnd.oasis.opendocument.spreadsheet', 'Haushalt')).toBe('ods');
    expect(previewSource('application/x-cfb', 'Alt.DOC')).toBe('doc');
    expect(previewSource('application/x-cfb', 'Unbekannt.msi')).toBeNull();
    expect(previewSource('text/plain; charset=utf-8', 'notiz.txt')).toBe('txt');
    expect(previewSource('text/plain', 'liste.csv')).toBe('csv');
    expect(previewSource('application/pdf', 'a.pdf')).toBeNull();
    expect(previewSource('image/png', 'a.png')).toBeNull();
    expect(initialPreview('application/vnd.ms-excel', 'x.xls')).toBe('pending');
    expect(initialPreview('application/zip', 'x.zip')).toBe('none');
  });

  it('makes export names without path or reserved characters, keeping umlauts', () => {
    expect(exportFileName('Protokoll Ämter', 'odt')).toBe('Protokoll Ämter.odt');
    expect(exportFileName('../../etc/passwd', 'pdf')).toBe('etc passwd.pdf');
    expect(exportFileName('a:b*c?"d<e>f|g\nh', 'docx')).toBe('a b c d e f g h.docx');
    expect(exportFileName('Bericht.docx', 'pdf')).toBe('Bericht.pdf');
    expect(exportFileName('...', 'odt')).toBe('Dokument.odt');
  });
});
