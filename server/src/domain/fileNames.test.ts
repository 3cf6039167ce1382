import { describe, expect, it } from 'vitest';
import { defaultEntryName, sanitizeEntryName, unusedName } from './fileNames.js';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('sanitizeEntryName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system32\\cmd.exe', 'cmd.exe'],
    ['/abs/path/Bericht.pdf', 'Bericht.pdf'],
    ['C:\\Users\\x\\Bericht.pdf', 'Bericht.pdf'],
    ['  Protokoll.docx  ', 'Protokoll.docx'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['zeile\r\numbruch\t.txt', 'zeileumbruch.txt'],
    ['null\u0000byte.txt', 'nullbyte.txt'],
    ['rechnung\u202Efdp.exe', 'rechnungfdp.exe'],
    ['\u2066versteckt\u2069.pdf', 'versteckt.pdf'],
    ['endet mit punkt...', 'endet mit punkt'],
    ['Übersicht', 'Übersicht'],
  ])('%j → %j', (raw, safe) => {
    expect(sanitizeEntryName(raw)).toBe(safe);
  });

  it.each(['', '   ', '.', '..', '../..', '/', '\u202E', '\u0001\u0002'])('%j → the default name', (raw) => {
    expect(sanitizeEntryName(raw)).toBe(defaultEntryName);
  });

  it.each([
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['LPT1', '_LPT1'],
    ['nul.tar.gz', '_nul.tar.gz'],
    ['Console.txt', 'Console.txt'],
  ])('Windows device name %j → %j', (raw, safe) => {
    expect(sanitizeEntryName(raw)).toBe(safe);
  });

  it('cuts long names to 255 bytes of UTF-8, keeping the extension and whole characters', () => {
    const name = sanitizeEntryName(`${'ä'.repeat(300)}.pdf`);
    expect(bytes(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name.replace(/\.pdf$/, '')).toMatch(/^ä+$/);
    const emoji = sanitizeEntryName('😀'.repeat(100));
    expect(bytes(emoji)).toBeLessThanOrEqual(255);
    expect(emoji).toMatch(/^(😀)+$/u);
  });

  it('is stable: a safe name stays as it is', () => {
    for (const raw of ['../../etc/passwd', 'a<b>.txt', 'CON', `${'x'.repeat(400)}.md`]) {
      const once = sanitizeEntryName(raw);
      expect(sanitizeEntryName(once)).toBe(once);
    }
  });
});

describe('unusedName', () => {
  it('numbers a taken file name before its extension', () => {
    const taken = new Set(['bericht.pdf', 'bericht (2).pdf']);
    expect(unusedName('Bericht.pdf', false, (n) => taken.has(n.toLowerCase()))).toBe('Bericht (3).pdf');
  });

  it('numbers folders at the end and leaves free names alone', () => {
    expect(unusedName('Akten.2024', true, (n) => n === 'Akten.2024')).toBe('Akten.2024 (2)');
    expect(unusedName('frei.txt', false, () => false)).toBe('frei.txt');
  });
});
