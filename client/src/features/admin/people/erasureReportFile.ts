import type { ErasureReport } from '@arbeitsbereich/contract';

/** Saves an erasure's report as a JSON file, named by the pseudonym (never by the person). */
export function downloadErasureReport(report: ErasureReport): void {
  const blob = new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `loeschbericht-${report.pseudonym}.json`;
  link.click();
  URL.revokeObjectURL(url);
}
