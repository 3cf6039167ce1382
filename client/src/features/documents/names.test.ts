import { describe, expect, it } from 'vitest';
import { nameProblem, renameSelection, splitExtension, uploadName } from './names';

describe('entry names', () => {
  it('accepts ordinary names, with spaces and umlauts', () => {
    expect(nameProblem('Protokoll März.docx')).toBeUndefined();
    expect(nameProblem('  Haushalt 2026  ')).toBeUndefined();
  });

  it('says what is wrong with a name', () => {
    expect(nameProblem('   ')).toBe('empty');
    expect(nameProblem('a/b')).toBe('slash');
    expect(nameProblem('a\\b')).toBe('slash');
    expect(nameProblem('..')).toBe('dots');
    expect(nameProblem('x'.repeat(256))).toBe('tooLong');
    expect(nameProblem('x'.repeat(255))).toBeUndefined();
    expect(nameProblem('tab\there')).toBe('control');
  });

  it('splits the extension off', () => {
    expect(splitExtension('Bericht.final.docx')).toEqual(['Bericht.final', '.docx']);
    expect(splitExtension('.profile')).toEqual(['.profile', '']);
    expect(splitExtension('Notizen')).toEqual(['Notizen', '']);
    expect(splitExtension('punkt.')).toEqual(['punkt.', '']);
  });

  it('selects the name without its extension for renaming, folders whole', () => {
    expect(renameSelection('Bericht.docx', false)).toEqual([0, 7]);
    expect(renameSelection('Akten.2026', true)).toEqual([0, 10]);
  });

  it('uploads under the plain file name', () => {
    expect(uploadName('C:\\Users\\anna\\Brief.odt', 'Datei')).toBe('Brief.odt');
    expect(uploadName('ordner/Brief.odt', 'Datei')).toBe('Brief.odt');
    expect(uploadName('  ', 'Datei')).toBe('Datei');
  });
});
