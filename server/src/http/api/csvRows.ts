import { parse } from 'csv-parse/sync';
import { invalid } from '../../domain/errors.js';
import type { ImportRow } from '../../commands/people/peopleImporter.js';

// Header names accepted for each column (German and English, any case).
const columns: Record<keyof Omit<ImportRow, 'line'>, string[]> = {
  email: ['email', 'e-mail', 'mail', 'e-mail-adresse'],
  firstName: ['firstname', 'first name', 'vorname', 'given name'],
  lastName: ['lastname', 'last name', 'nachname', 'family name', 'surname'],
  role: ['role', 'rolle'],
  username: ['username', 'benutzername', 'sign-in name', 'anmeldename'],
};

/**
 * Reads an import file into rows, at the edge, so the import command sees
 * plain data. Delimiter `,` or `;` (as spreadsheets in German locales write).
 */
export function csvRows(text: string): ImportRow[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    throw invalid(`The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`, {
      field: 'file',
    });
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const index = Object.fromEntries(
    Object.entries(columns).map(([key, names]) => [key, header.findIndex((h) => names.includes(h))]),
  ) as Record<keyof typeof columns, number>;
  if (index.email < 0 || index.firstName < 0 || index.lastName < 0) {
    throw invalid(
      'The first row must name the columns email, firstName and lastName (role and username are optional)',
      {
        field: 'file',
      },
    );
  }
  const cell = (record: string[], i: number): string => (i >= 0 ? (record[i] ?? '') : '');
  return records.slice(1).map((record, n) => ({
    line: n + 2,
    email: cell(record, index.email),
    firstName: cell(record, index.firstName),
    lastName: cell(record, index.lastName),
    role: cell(record, index.role),
    username: cell(record, index.username),
  }));
}
