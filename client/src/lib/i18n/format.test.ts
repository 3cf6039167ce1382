import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

describe('date formats', () => {
  const at = '2025-03-07T14:05:09.000Z';

  it('writes German dates day first', () => {
    expect(formatDateTime(at, 'de', 'UTC')).toBe('07.03.2025, 14:05:09');
    expect(formatDate(at, 'de', 'UTC')).toBe('07.03.2025');
  });

  it('writes English dates the English way', () => {
    expect(formatDateTime(at, 'en', 'UTC')).toBe('Mar 7, 2025, 2:05:09 PM');
  });

  it('leaves text that is no date alone', () => {
    expect(formatDateTime('yesterday', 'de')).toBe('yesterday');
  });
});
