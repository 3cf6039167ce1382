import { describe, expect, it } from 'vitest';
import { exceedsLimit, formatBytes, percentDone } from './sizes';

describe('sizes', () => {
  it('formats bytes in the reader’s language', () => {
    expect(formatBytes(980, 'de')).toBe('980 B');
    expect(formatBytes(1_500_000, 'de')).toBe('1,5 MB');
    expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB');
    expect(formatBytes(250_000_000, 'en')).toBe('250 MB');
    expect(formatBytes(-1, 'en')).toBe('–');
  });

  it('checks the limit before sending', () => {
    expect(exceedsLimit(1_000_001, 1_000_000)).toBe(true);
    expect(exceedsLimit(1_000_000, 1_000_000)).toBe(false);
    expect(exceedsLimit(5_000_000_000, null)).toBe(false);
  });

  it('turns bytes sent into percent', () => {
    expect(percentDone(0, 200)).toBe(0);
    expect(percentDone(50, 200)).toBe(25);
    expect(percentDone(300, 200)).toBe(100);
    expect(percentDone(0, 0)).toBe(100);
  });
});
