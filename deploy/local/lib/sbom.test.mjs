import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lockedNpmPackages, sbomFile, serverComponents } from './sbom.mjs';

// The bill of materials in docs/security is what an agency audits: it must list exactly what
// the lock file installs and the servers the launcher pins. After a dependency change,
// `npm run sbom` writes it anew.

const bom = JSON.parse(fs.readFileSync(sbomFile, 'utf8'));
const npmComponents = new Set(
  bom.components
    .filter((c) => typeof c.purl === 'string' && c.purl.startsWith('pkg:npm/') && c.version !== undefined)
    .filter((c) => !(c.group === '@arbeitsbereich'))
    .map((c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`),
);

describe('the software bill of materials', () => {
  it('is CycloneDX 1.6 JSON', () => {
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
  });

  it('lists every package of the lock file, and nothing the lock file no longer has', () => {
    const locked = lockedNpmPackages();
    const missing = [...locked].filter((p) => !npmComponents.has(p));
    const stale = [...npmComponents].filter((p) => !locked.has(p));
    expect({ missing, stale }, 'run `npm run sbom` after changing dependencies').toEqual({ missing: [], stale: [] });
  });

  it('lists Keycloak, Synapse with its pinned Python packages, and s3proxy in their pinned versions', () => {
    const refs = new Set(bom.components.map((c) => c['bom-ref']));
    const expected = serverComponents().map((c) => c.purl);
    expect(expected.filter((purl) => !refs.has(purl))).toEqual([]);
    expect(expected.some((purl) => purl.startsWith('pkg:pypi/matrix-synapse@'))).toBe(true);
  });
});
