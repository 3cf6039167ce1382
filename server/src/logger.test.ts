import { describe, expect, it } from 'vitest';
import { throttledWarning } from './logger.js';

describe('throttledWarning', () => {
  it('logs a repeating trouble once, then at most once per interval with how often it happened', () => {
    let now = 0;
    const lines: { times: number }[] = [];
    const warn = throttledWarning(
      { warn: (line: { times: number }) => lines.push(line) } as never,
      'away',
      10_000,
      () => now,
    );
    warn(new Error('1'));
    now = 5_000;
    warn(new Error('2'));
    warn(new Error('3'));
    expect(lines.map((l) => l.times)).toEqual([1]);
    now = 10_000;
    warn(new Error('4'));
    expect(lines.map((l) => l.times)).toEqual([1, 3]);
  });
});
