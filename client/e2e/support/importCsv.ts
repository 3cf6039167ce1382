/** A CSV of `rows` people for the import, with bad rows planted at known lines. */
export interface PlantedCsv {
  csv: string;
  rows: number;
  /** Line number in the file (header = 1) → the problem code the server must report. */
  planted: Map<number, string>;
  /** E-mail addresses of the rows that must be imported. */
  goodEmails: string[];
}

/**
 * 200 people of demo.example whose addresses share a marker unique to this run; three rows are
 * bad: one without e-mail, one of a foreign domain, one repeating an earlier address.
 */
export function plantedCsv(marker: string, domain: string, rows = 200): PlantedCsv {
  const missingEmailLine = 51;
  const foreignDomainLine = 101;
  const duplicateLine = 151;
  const duplicateOfLine = 10;
  const email = (line: number) => `${marker}-${String(line).padStart(3, '0')}@${domain}`;
  const lines = ['email,firstName,lastName,role'];
  const goodEmails: string[] = [];
  for (let line = 2; line <= rows + 1; line += 1) {
    const last = `Import ${String(line).padStart(3, '0')}`;
    if (line === missingEmailLine) lines.push(`,Ohne,${last},member`);
    else if (line === foreignDomainLine) lines.push(`${marker}-${line}@elsewhere.example,Fremd,${last},member`);
    else if (line === duplicateLine) lines.push(`${email(duplicateOfLine)},Doppelt,${last},member`);
    else {
      lines.push(`${email(line)},Testperson,${last},${line % 20 === 0 ? 'guest' : 'member'}`);
      goodEmails.push(email(line));
    }
  }
  return {
    csv: `${lines.join('\n')}\n`,
    rows,
    planted: new Map([
      [missingEmailLine, 'missing-email'],
      [foreignDomainLine, 'foreign-domain'],
      [duplicateLine, 'duplicate-in-file'],
    ]),
    goodEmails,
  };
}
