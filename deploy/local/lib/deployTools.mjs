import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, root } from './paths.mjs';
import { capture, runAsync } from './run.mjs';
import { LauncherError, log } from './log.mjs';

/** The Go module that pins helm, Caddy and the two checkers (deploy/tools), and promtool's beside it. */
export const toolsModule = path.join(root, 'deploy/tools');

/**
 * Program name → Go package, built from the module above; promtool from a module of its own
 * (deploy/tools/prometheus), since Prometheus' dependencies would move helm's and Caddy's.
 */
const programs = {
  helm: { pkg: 'helm.sh/helm/v4/cmd/helm' },
  caddy: { pkg: 'github.com/caddyserver/caddy/v2/cmd/caddy' },
  kubevalidate: { pkg: './kubevalidate' },
  composecheck: { pkg: './composecheck' },
  promtool: { pkg: 'github.com/prometheus/prometheus/cmd/promtool', module: 'prometheus' },
};

function toolsHash() {
  const hash = createHash('sha256');
  const files = [
    'go.mod',
    'go.sum',
    'kubevalidate/main.go',
    'composecheck/main.go',
    'prometheus/go.mod',
    'prometheus/go.sum',
  ];
  for (const file of files) {
    hash.update(fs.readFileSync(path.join(toolsModule, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The deployment checks' programs, built from the Go module proxy into .cache once per version of
 * deploy/tools (several minutes the first time; Go keeps its own caches after). Returns each
 * program's path by name.
 */
export async function ensureDeployTools({ quiet = false } = {}) {
  const dir = path.join(cacheDir, `deploy-tools-${toolsHash()}`);
  const tools = Object.fromEntries(Object.keys(programs).map((name) => [name, path.join(dir, name)]));
  if (Object.values(tools).every((file) => fs.existsSync(file))) return tools;
  if (capture('go', ['version']) === undefined) {
    throw new LauncherError('Go is needed to build the deployment checks (go.dev; Go 1.26 or newer).');
  }
  if (!quiet) log.step('Building helm, Caddy, promtool and the deployment checks from the Go module proxy');
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  for (const [name, { pkg, module }] of Object.entries(programs)) {
    const options = { cwd: path.join(toolsModule, module ?? ''), stdio: quiet ? 'ignore' : 'inherit' };
    await runAsync('go', ['build', '-trimpath', '-o', path.join(partial, name), pkg], options);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return tools;
}
