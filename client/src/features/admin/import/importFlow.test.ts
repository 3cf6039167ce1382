import { type ImportReport } from '@arbeitsbereich/contract';
import { describe, expect, it } from 'vitest';
import { START, canCheck, canConfirm, currentCheck, withApplied, withDryRun, withText } from './importFlow';

const dryRun: ImportReport = { dryRun: true, rows: 3, valid: 2, problems: [], created: [] };
const applied: ImportReport = { dryRun: false, rows: 3, valid: 2, problems: [], created: ['a', 'b'] };

describe('import flow', () => {
  it('never confirms without a dry run', () => {
    const flow = withText(START, 'email\na@x');
    expect(canCheck(flow)).toBe(true);
    expect(canConfirm(flow)).toBe(false);
  });

  it('confirms the text that was checked', () => {
    const flow = withDryRun(withText(START, 'csv'), 'csv', dryRun);
    expect(currentCheck(flow)).toBe(dryRun);
    expect(canConfirm(flow)).toBe(true);
  });

  it('forgets the dry run when the text changes', () => {
    const flow = withText(withDryRun(withText(START, 'csv'), 'csv', dryRun), 'csv changed');
    expect(currentCheck(flow)).toBeUndefined();
    expect(canConfirm(flow)).toBe(false);
  });

  it('does not confirm when no row is valid', () => {
    const flow = withDryRun(withText(START, 'csv'), 'csv', { ...dryRun, valid: 0 });
    expect(canConfirm(flow)).toBe(false);
  });

  it('confirms only once', () => {
    const flow = withApplied(withDryRun(withText(START, 'csv'), 'csv', dryRun), applied);
    expect(canConfirm(flow)).toBe(false);
    expect(canCheck(flow)).toBe(false);
    expect(withText(flow, 'next')).toEqual({ csv: 'next' });
  });
});
