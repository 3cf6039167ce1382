import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, root } from './paths.mjs';
import { capture, runAsync } from './run.mjs';
import { LauncherError, log } from './log.mjs';

/** The Go module that pins helm and the manifest validator (deploy/helm/tools). */
export const toolsModule = path.join(root, 'deploy/helm/tools');

function toolsHash() {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(fs.readFileSync(path.join(toolsModule, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * helm and the strict manifest validator, built from the Go module proxy into .cache once per
 * version of deploy/helm/tools (a few minutes the first time; Go keeps its own caches after).
 * Returns the two programs' paths.
 */
export async function ensureHelmTools({ quiet = false } = {}) {
  const dir = path.join(cacheDir, `helm-tools-${toolsHash()}`);
  const tools = { helm: path.join(dir, 'helm'), validate: path.join(dir, 'validate') };
  if (fs.existsSync(tools.helm) && fs.existsSync(tools.validate)) return tools;
  if (capture('go', ['version']) === undefined) {
    throw new LauncherError('Go is needed to build helm for the chart checks (go.dev; Go 1.26 or newer).');
  }
  if (!quiet) log.step('Building helm and the manifest validator from the Go module proxy');
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  const options = { cwd: toolsModule, stdio: quiet ? 'ignore' : 'inherit' };
  await runAsync('go', ['build', '-trimpath', '-o', path.join(partial, 'helm'), 'helm.sh/helm/v4/cmd/helm'], options);
  await runAsync('go', ['build', '-trimpath', '-o', path.join(partial, 'validate'), '.'], options);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return tools;
}
