import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log } from '../lib/log.mjs';
import { root } from '../lib/paths.mjs';
import { run } from '../lib/run.mjs';
import { sbomFile, serverComponents } from '../lib/sbom.mjs';

/** CycloneDX's own generator for npm projects, pinned: it reads the lock file, not node_modules. */
const GENERATOR = '@cyclonedx/cyclonedx-npm@6.0.1';

/**
 * `npm run sbom`: writes docs/security/sbom.cdx.json, the npm packages from the lock file plus
 * the servers the launcher installs in pinned versions (Keycloak, Synapse and its Python
 * packages, s3proxy). A unit test fails when the file no longer matches the lock file.
 */
export default async function sbom() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-sbom-'));
  const npmBom = path.join(dir, 'npm.cdx.json');
  try {
    log.step(`Reading the lock file with ${GENERATOR}`);
    run(
      'npx',
      [
        '--yes',
        GENERATOR,
        '--package-lock-only',
        '--flatten-components',
        '--output-reproducible',
        '--output-format',
        'JSON',
        '--output-file',
        npmBom,
      ],
      { cwd: root },
    );
    const bom = JSON.parse(fs.readFileSync(npmBom, 'utf8'));
    const known = new Set(bom.components.map((c) => c['bom-ref']));
    bom.components.push(...serverComponents().filter((c) => !known.has(c['bom-ref'])));
    fs.mkdirSync(path.dirname(sbomFile), { recursive: true });
    fs.writeFileSync(sbomFile, `${JSON.stringify(bom, null, 2)}\n`);
    log.ok(`${bom.components.length} components → ${path.relative(root, sbomFile)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}
