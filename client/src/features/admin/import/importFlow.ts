import { type ImportReport } from '@arbeitsbereich/contract';

/**
 * The import in three steps: the text to import, its dry run, and the applied import.
 * A confirmation is possible only for exactly the text that was checked.
 */
export interface ImportFlow {
  csv: string;
  checked?: { csv: string; report: ImportReport };
  applied?: ImportReport;
}

export const START: ImportFlow = { csv: '' };

export function withText(flow: ImportFlow, csv: string): ImportFlow {
  // New text: the dry run no longer speaks for it, and a finished import is behind us.
  return flow.checked?.csv === csv && !flow.applied ? { ...flow, csv } : { csv };
}

export function withDryRun(flow: ImportFlow, csv: string, report: ImportReport): ImportFlow {
  return { csv: flow.csv, checked: { csv, report } };
}

export function withApplied(flow: ImportFlow, report: ImportReport): ImportFlow {
  return { ...flow, applied: report };
}

/** The dry run of the current text, if it has one. */
export function currentCheck(flow: ImportFlow): ImportReport | undefined {
  return flow.checked && flow.checked.csv === flow.csv ? flow.checked.report : undefined;
}

/** "Import bestätigen" only after a dry run of this very text that found valid rows, and only once. */
export function canConfirm(flow: ImportFlow): boolean {
  const report = currentCheck(flow);
  return report !== undefined && report.dryRun && report.valid > 0 && flow.applied === undefined;
}

export function canCheck(flow: ImportFlow): boolean {
  return flow.csv.trim() !== '' && flow.applied === undefined;
}
