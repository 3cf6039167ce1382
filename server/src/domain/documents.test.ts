import { describe, expect, it } from 'vitest';
import { scanStates, servable } from './documents.js';

describe("a version's malware scan", () => {
  it('lets out only what was found clean, or what nothing scans', () => {
    const out = scanStates.filter((scan) => servable({ scan }));
    expect(out).toEqual(['none', 'clean']);
  });
});
