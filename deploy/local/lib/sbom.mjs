// The software bill of materials: what it must list, read from the files that pin versions.
import fs from 'node:fs';
import path from 'node:path';
import { root, versions } from './paths.mjs';

export const sbomFile = path.join(root, 'docs/security/sbom.cdx.json');

/** name@version of every package the npm lock file installs (workspaces' own packages excluded). */
export function lockedNpmPackages() {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const found = new Set();
  for (const [where, entry] of Object.entries(lock.packages ?? {})) {
    if (!where.includes('node_modules/') || entry.link || !entry.version) continue;
    const name = entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    found.add(`${name}@${entry.version}`);
  }
  return found;
}

/** Synapse's Python packages as pinned in deploy/synapse/requirements.txt. */
export function pinnedPythonPackages() {
  const text = fs.readFileSync(path.join(root, 'deploy/synapse/requirements.txt'), 'utf8');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name, version] = line.split('==');
      if (!name || !version) throw new Error(`deploy/synapse/requirements.txt: "${line}" is not pinned with ==`);
      return { name: name.split('[')[0], version: version.split(';')[0].trim() };
    });
}

/** The servers the launcher downloads in pinned versions, as CycloneDX components. */
export function serverComponents() {
  const component = (type, group, name, version, purl, scope) => ({
    type,
    ...(group ? { group } : {}),
    name,
    version,
    ...(scope ? { scope } : {}),
    'bom-ref': purl,
    purl,
  });
  return [
    component(
      'application',
      'org.keycloak',
      'keycloak-quarkus-dist',
      versions.keycloak,
      `pkg:maven/org.keycloak/keycloak-quarkus-dist@${versions.keycloak}?type=tar.gz`,
    ),
    component(
      'application',
      'org.gaul',
      's3proxy',
      versions.s3proxy,
      `pkg:maven/org.gaul/s3proxy@${versions.s3proxy}?classifier=jar-with-dependencies`,
      // The test stack's S3-compatible server; production brings its own store.
      'excluded',
    ),
    component(
      'application',
      'github.com/livekit',
      'livekit-server',
      versions.livekit,
      `pkg:golang/github.com/livekit/livekit-server@v${versions.livekit}`,
    ),
    ...pinnedPythonPackages().map(({ name, version }) =>
      component(
        name.toLowerCase() === 'matrix-synapse' ? 'application' : 'library',
        undefined,
        name,
        version,
        `pkg:pypi/${name.toLowerCase().replaceAll('_', '-')}@${version}`,
      ),
    ),
  ];
}
