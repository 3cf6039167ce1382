import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SofficeConverter } from '../../src/adapters/office/index.js';
import { ConversionTimeoutError, type ConversionFormat } from '../../src/domain/ports/conversion.js';
import { processesMentioning } from '../support/processes.js';
import { sampleHtml, sampleWords } from '../support/sampleDocuments.js';
import { firstLocalName, zipEntries } from '../support/zipEntries.js';

// The real LibreOffice (Debian's soffice) converts; nothing stands in for it.
const run = promisify(execFile);
const soffice = process.env.SOFFICE_PATH ?? 'soffice';

const squash = (s: string): string => s.replace(/\s+/g, ' ');

describe('LibreOffice conversion', () => {
  let temp: string;
  let converter: SofficeConverter;
  const html = { fileName: 'Protokoll.html', content: Buffer.from(sampleHtml, 'utf8') };
  const convert = (input: { fileName: string; content: Buffer }, to: ConversionFormat) =>
    converter.convert(input, to, async (out) => {
      const bytes = await buffer(out.stream);
      expect(bytes.length).toBe(out.size);
      return bytes;
    });
  const backToText = async (fileName: string, content: Buffer) =>
    squash(await converter.convert({ fileName, content }, 'txt', (out) => text(out.stream)));

  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'office-test-'));
    converter = new SofficeConverter({ sofficePath: soffice, timeoutMs: 60_000, concurrency: 1, tempDir: temp });
  });
  afterAll(async () => {
    await converter.close();
    await rm(temp, { recursive: true, force: true });
  });

  it('turns HTML into an ODT that LibreOffice reads back with every heading, list item and umlaut', async () => {
    const odt = await convert(html, 'odt');
    expect(firstLocalName(odt)).toEqual({ name: 'mimetype', method: 0 });
    const entries = zipEntries(odt);
    expect(entries.get('mimetype')?.toString()).toBe('application/vnd.oasis.opendocument.text');
    const content = entries.get('content.xml')!.toString('utf8');
    expect(content).toContain('text:h');
    expect(content).toContain('text:list');
    expect(content).toContain('xlink:href="https://example.org/beschluss"');
    const back = await backToText('Protokoll.odt', odt);
    for (const words of sampleWords) expect(back).toContain(words);
  }, 120_000);

  it('turns HTML into a DOCX with Word’s content types that LibreOffice reads back', async () => {
    const docx = await convert(html, 'docx');
    const entries = zipEntries(docx);
    expect(entries.get('[Content_Types].xml')?.toString('utf8')).toContain(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    );
    const document = entries.get('word/document.xml')!.toString('utf8');
    expect(document).toContain('Größenordnung');
    // Headings, bold, italic, the quote and the link keep their meaning as Word styles and a hyperlink.
    for (const style of ['Heading1', 'Heading2', 'StrongEmphasis', 'Emphasis', 'Quotations']) {
      expect(document).toContain(`w:val="${style}"`);
    }
    expect(document).toContain('<w:hyperlink');
    expect(document).toContain('<w:numPr>');
    const back = await backToText('Protokoll.docx', docx);
    for (const words of sampleWords) expect(back).toContain(words);
  }, 120_000);

  it('turns HTML into a PDF whose text is all there', async () => {
    const pdf = await convert(html, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(temp, 'check.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    for (const words of sampleWords) expect(squash(stdout)).toContain(words);
  }, 120_000);

  it('turns a DOCX into a PDF preview', async () => {
    const docx = await convert(html, 'docx');
    const pdf = await convert({ fileName: 'Bericht.docx', content: docx }, 'pdf');
    const file = path.join(temp, 'preview.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(squash(stdout)).toContain('Tagesordnung für Ämter');
  }, 120_000);

  it('stops a conversion at its time limit: the whole process group is gone, no work folder stays', async () => {
    const quick = new SofficeConverter({ sofficePath: soffice, timeoutMs: 200, concurrency: 1, tempDir: temp });
    try {
      const started = Date.now();
      await expect(quick.convert(html, 'pdf', async () => 'never')).rejects.toBeInstanceOf(ConversionTimeoutError);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await processesMentioning(quick.root)).map((p) => p.cmdline)).toEqual([]);
      expect(await readdir(quick.root)).toEqual([]);
      // The slot is free again and starts afresh: a normal limit converts.
    } finally {
      await quick.close();
    }
  }, 60_000);

  it('refuses a document LibreOffice cannot read, and removes its work folder', async () => {
    await expect(
      convert({ fileName: 'kaputt.docx', content: Buffer.from('PK\u0003\u0004 not really a zip') }, 'pdf'),
    ).rejects.toThrow(/LibreOffice/);
    expect((await readdir(converter.root)).filter((n) => n.startsWith('job-'))).toEqual([]);
  }, 120_000);
});
