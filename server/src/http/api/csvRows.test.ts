import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { csvRows } from './csvRows.js';

describe('csvRows', () => {
  it('reads comma files with quoted fields and numbers lines as in the file', () => {
    const rows = csvRows(
      'email,firstName,lastName,role\n"a@amt.example","Anna, Maria",Adler,member\nb@amt.example,Ben,Bauer,\n',
    );
    expect(rows).toEqual([
      { line: 2, email: 'a@amt.example', firstName: 'Anna, Maria', lastName: 'Adler', role: 'member', username: '' },
      { line: 3, email: 'b@amt.example', firstName: 'Ben', lastName: 'Bauer', role: '', username: '' },
    ]);
  });

  it('reads German spreadsheet exports: semicolons, German headers, BOM', () => {
    const rows = csvRows(
      '\uFEFFE-Mail;Vorname;Nachname;Rolle;Benutzername\nc@amt.example;Clara;Christ;guest;clara.c\n',
    );
    expect(rows).toEqual([
      { line: 2, email: 'c@amt.example', firstName: 'Clara', lastName: 'Christ', role: 'guest', username: 'clara.c' },
    ]);
  });

  it('refuses a file without the needed columns', () => {
    expect(() => csvRows('mail\nx@amt.example')).toThrow(DomainError);
  });
});
