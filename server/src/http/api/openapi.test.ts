import { describe, expect, it } from 'vitest';
import { documentOfRoutes } from './routeTable.testing.js';

/** Every `$ref` in a JSON value, with where it is. */
function refs(node: unknown, at = '#'): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((item, i) => refs(item, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]): [string, string][] =>
    key === '$ref' && typeof value === 'string' ? [[at, value]] : refs(value, `${at}/${key}`),
  );
}

function resolve(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      document,
    );
}

describe('the OpenAPI document', () => {
  const { document, operations } = documentOfRoutes();

  it('refers only to schemas it holds', () => {
    const all = refs(document);
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter(([, ref]) => resolve(document, ref) === undefined)).toEqual([]);
    expect(all.every(([, ref]) => ref.startsWith('#/components/schemas/'))).toBe(true);
  });

  it('keeps no definitions inside an operation', () => {
    expect(JSON.stringify(document.paths)).not.toContain('$defs');
  });

  it('gives every refusal the problem+json schema', () => {
    const plain = [...operations.values()].flatMap((op) =>
      Object.entries(op.responses)
        .filter(([status, r]) => Number(status) >= 400 && !r.content?.['application/problem+json'])
        .map(([status]) => `${op.operationId} ${status}`),
    );
    expect(plain).toEqual([]);
  });

  it('does not promise a server error', () => {
    const errors = [...operations.values()].filter((op) =>
      Object.keys(op.responses).some((s) => Number(s) >= 500 && s !== '503'),
    );
    expect(errors.map((op) => op.operationId)).toEqual([]);
  });
});
