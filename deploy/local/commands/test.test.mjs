import { describe, expect, it } from 'vitest';
import config from '../../../vitest.config.ts';
import { mainProjects, separateProjects } from './test.mjs';

describe('npm test', () => {
  it('runs every test project once: in the main run, or on its own after it', () => {
    const names = config.test.projects.map((project) => project.test.name);
    expect([...mainProjects, ...separateProjects].sort()).toEqual([...names].sort());
    expect(mainProjects.filter((name) => separateProjects.includes(name))).toEqual([]);
  });
});
