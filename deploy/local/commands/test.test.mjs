import { describe, expect, it } from 'vitest';
import config from '../../../vitest.config.ts';
import { closingLine, mainProjects, separateProjects } from './test.mjs';

describe('npm test', () => {
  it('runs every test project once: in the main run, or on its own after it', () => {
    const names = config.test.projects.map((project) => project.test.name);
    expect([...mainProjects, ...separateProjects].sort()).toEqual([...names].sort());
    expect(mainProjects.filter((name) => separateProjects.includes(name))).toEqual([]);
  });
});

describe('the closing line of npm test', () => {
  it('adds up every part in the form "N passed, N failed" that CI reads', () => {
    const line = closingLine([
      { code: 0, passed: 907, failed: 0, skipped: 0 },
      { code: 0, passed: 3, failed: 0 },
      { code: 0, passed: 4, failed: 0, skipped: 1 },
      undefined,
    ]);
    expect(line).toBe('all: 914 passed, 0 failed, 1 skipped');
    expect(line).toMatch(/^(\w+: )?\d+ passed, \d+ failed(, \d+ skipped)?$/);
  });

  it('never says "0 failed" for a part that exited non-zero', () => {
    expect(
      closingLine([
        { code: 0, passed: 10, failed: 0 },
        { code: 1, passed: 5, failed: 0 },
      ]),
    ).toBe('all: 15 passed, 1 failed');
    expect(closingLine([{ code: 1, passed: 5, failed: 2 }])).toBe('all: 5 passed, 2 failed');
  });
});
