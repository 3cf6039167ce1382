/** Long lists show this many rows at first and this many more on each "Weitere anzeigen". */
export const ROWS_PER_STEP = 50;

/** How many rows to show after `steps` presses of "Weitere anzeigen", never more than there are. */
export function shownRows(total: number, steps: number, perStep = ROWS_PER_STEP): number {
  return Math.min(total, perStep * (steps + 1));
}
