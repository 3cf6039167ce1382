import { describe, expect, it } from 'vitest';
import de from './de.json';
import en from './en.json';

type Catalogue = Readonly<Record<string, unknown>>;

function isCatalogue(value: unknown): value is Catalogue {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every leaf of a catalogue as "dotted.key" → value. */
function leaves(catalogue: Catalogue, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isCatalogue(value)) {
      for (const [leafPath, leaf] of leaves(value, path)) result.set(leafPath, leaf);
    } else {
      result.set(path, value);
    }
  }
  return result;
}

function missingKeys(from: Catalogue, to: Catalogue): string[] {
  const target = leaves(to);
  return [...leaves(from).keys()].filter((key) => !target.has(key));
}

function emptyOrNonText(catalogue: Catalogue): string[] {
  return [...leaves(catalogue)]
    .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
    .map(([key]) => key);
}

function placeholders(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((match) => match[1] ?? '').sort();
}

describe('translation catalogues', () => {
  it('has every German key in English', () => {
    expect(missingKeys(de, en)).toEqual([]);
  });

  it('has every English key in German', () => {
    expect(missingKeys(en, de)).toEqual([]);
  });

  it('has no empty values', () => {
    expect(emptyOrNonText(de)).toEqual([]);
    expect(emptyOrNonText(en)).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const english = leaves(en);
    const differing = [...leaves(de)]
      .filter(([key, text]) => placeholders(text).join() !== placeholders(english.get(key)).join())
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('notices a key that is missing in one language', () => {
    const complete = { a: { b: 'x', c: 'y' } };
    const incomplete = { a: { b: 'x' } };
    expect(missingKeys(complete, incomplete)).toEqual(['a.c']);
    expect(missingKeys(incomplete, complete)).toEqual([]);
    expect(emptyOrNonText({ a: { b: ' ' }, c: 1 })).toEqual(['a.b', 'c']);
  });
});
