import { describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES, countDataRows, decodeCsv, readCsvFile } from './csvFile';

describe('CSV files', () => {
  it('reads UTF-8 and drops the byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('email;Vorname\nä@x.example;Jürgen')]);
    expect(decodeCsv(bytes)).toBe('email;Vorname\nä@x.example;Jürgen');
  });

  it('reads Windows-1252 when the file is not UTF-8', () => {
    // "Jürgen" with ü as the single byte 0xFC
    expect(decodeCsv(new Uint8Array([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e]))).toBe('Jürgen');
  });

  it('reads a file, and refuses empty and oversized ones', async () => {
    expect(await readCsvFile(new Blob(['email,firstName,lastName\n']))).toEqual({
      ok: true,
      text: 'email,firstName,lastName\n',
    });
    expect(await readCsvFile(new Blob([]))).toEqual({ ok: false, reason: 'empty' });
    expect(await readCsvFile(new Blob(['  \n ']))).toEqual({ ok: false, reason: 'empty' });
    expect(await readCsvFile(new Blob([new Uint8Array(MAX_CSV_BYTES + 1)]))).toEqual({
      ok: false,
      reason: 'too-large',
    });
  });

  it('counts the data rows below the header', () => {
    expect(countDataRows('email\na@x\n\nb@x\n')).toBe(2);
    expect(countDataRows('')).toBe(0);
  });
});
