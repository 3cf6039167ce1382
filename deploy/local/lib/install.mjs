import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, root, versions } from './paths.mjs';
import { run, runAsync } from './run.mjs';
import { LauncherError, log } from './log.mjs';
import { ensureDebianPackages } from './prerequisites.mjs';

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

/**
 * npm ci when node_modules is missing or older than the lock file; npm rebuild
 * when its native modules were built for another Node ABI (a Node upgrade).
 */
export function ensureNodeModules() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const abiMarker = path.join(root, 'node_modules/.node-abi');
  const abi = `${process.versions.modules}\n`;
  const options = { cwd: root, env: nativeBuildEnv() };
  if (mtime(marker) < mtime(path.join(root, 'package-lock.json'))) {
    log.step('Installing npm packages (npm ci)');
    run('npm', ['ci', '--no-audit', '--no-fund'], options);
  } else if (!fs.existsSync(abiMarker) || fs.readFileSync(abiMarker, 'utf8') !== abi) {
    log.step(`Building native npm packages for Node.js ${process.versions.node}`);
    run('npm', ['rebuild', '--no-audit', '--no-fund'], options);
  }
  fs.writeFileSync(abiMarker, abi);
}

/**
 * Native modules are built for the Node that runs this launcher, against its own headers: an npm
 * setting (`nodedir`) naming another Node's headers would build them for the wrong ABI.
 */
function nativeBuildEnv() {
  const prefix = path.resolve(process.execPath, '../..');
  const headers = path.join(prefix, 'include/node/node_version.h');
  return fs.existsSync(headers) ? { ...process.env, npm_config_nodedir: prefix } : process.env;
}

function newestMtime(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop();
    if (!fs.existsSync(current)) continue;
    const stat = fs.statSync(current);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(current)) {
        if (entry !== 'node_modules' && entry !== 'dist') stack.push(path.join(current, entry));
      }
    } else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/** Builds the contract, server and client unless their sources are older than the last build. */
export function ensureBuild() {
  const stamp = path.join(cacheDir, 'build.stamp');
  const sources = [
    'contract/src',
    'contract/package.json',
    'contract/tsconfig.json',
    'contract/tsconfig.build.json',
    'server/src',
    'server/package.json',
    'server/tsconfig.build.json',
    'client',
    'tsconfig.json',
    'package-lock.json',
  ];
  const newest = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
  if (
    fs.existsSync(path.join(root, 'contract/dist/index.js')) &&
    fs.existsSync(path.join(root, 'server/dist/main.js')) &&
    fs.existsSync(path.join(root, 'client/dist/index.html')) &&
    mtime(stamp) > newest
  ) {
    return;
  }
  log.step('Building contract, server and client');
  run('npm', ['run', 'build'], { cwd: root });
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(stamp, new Date().toISOString());
}

/** Keycloak's server distribution from Maven Central, unpacked once into .cache. */
export async function ensureKeycloakDist() {
  const version = versions.keycloak;
  const home = path.join(cacheDir, `keycloak-${version}`);
  if (fs.existsSync(path.join(home, 'bin/kc.sh'))) return home;
  ensureDebianPackages([{ command: 'mvn', pkg: 'maven' }]);
  const downloads = path.join(cacheDir, 'downloads');
  fs.mkdirSync(downloads, { recursive: true });
  const archive = path.join(downloads, `keycloak-quarkus-dist-${version}.tar.gz`);
  if (!fs.existsSync(archive)) {
    log.step(`Fetching Keycloak ${version} from Maven Central`);
    await runAsync(
      'mvn',
      [
        '-B',
        '-q',
        `org.apache.maven.plugins:maven-dependency-plugin:${versions.mavenDependencyPlugin}:copy`,
        `-Dartifact=org.keycloak:keycloak-quarkus-dist:${version}:tar.gz`,
        `-DoutputDirectory=${downloads}`,
      ],
      { cwd: cacheDir },
    );
  }
  const staging = path.join(cacheDir, `keycloak-${version}.unpacking`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  await runAsync('tar', ['xzf', archive, '-C', staging, '--strip-components=1']);
  fs.renameSync(staging, home);
  log.ok(`Keycloak ${version} unpacked`);
  return home;
}

/**
 * A project-local virtualenv of one Python program and its pinned dependencies
 * (`requirements`, below the repository), in .cache/<name>-<version>.
 */
async function ensurePinnedVenv(python, { name, pkg, version, requirements }) {
  const venv = path.join(cacheDir, `${name}-${version}`);
  const marker = path.join(venv, '.installed');
  const file = path.join(root, requirements);
  // The marker holds the requirements' hash: a fresh checkout (new file dates, same pins) reuses the venv.
  const wanted = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === wanted) return venv;
  const label = `${pkg} ${version}`;
  if (!fs.readFileSync(file, 'utf8').includes(`${pkg}==${version}`)) {
    throw new LauncherError(`${requirements} does not pin ${pkg}==${version}`);
  }
  log.step(`Installing ${label} into ${path.relative(root, venv)}`);
  fs.rmSync(venv, { recursive: true, force: true });
  await runAsync(python, ['-m', 'venv', venv]);
  const pip = path.join(venv, 'bin/pip');
  await runAsync(pip, ['install', '-q', '--disable-pip-version-check', '-r', file]);
  fs.writeFileSync(marker, `${wanted}\n`);
  log.ok(`${label} installed`);
  return venv;
}

/** A project-local virtualenv with Synapse and its pinned dependencies. */
export function ensureSynapseVenv(python) {
  return ensurePinnedVenv(python, {
    name: 'synapse',
    pkg: 'matrix-synapse',
    version: versions.synapse,
    requirements: 'deploy/synapse/requirements.txt',
  });
}

/** A project-local virtualenv with Schemathesis, which tests the API against its OpenAPI document (ADR 0037). */
export function ensureSchemathesisVenv(python) {
  return ensurePinnedVenv(python, {
    name: 'schemathesis',
    pkg: 'schemathesis',
    version: versions.schemathesis,
    requirements: 'deploy/schemathesis/requirements.txt',
  });
}

/**
 * s3proxy (Apache-2.0) from Maven Central: the S3-compatible server the test
 * stack stores files in, so the S3 adapter is tested against a real server.
 */
export async function ensureS3ProxyJar() {
  const version = versions.s3proxy;
  const downloads = path.join(cacheDir, 'downloads');
  const jar = path.join(downloads, `s3proxy-${version}-jar-with-dependencies.jar`);
  if (fs.existsSync(jar)) return jar;
  ensureDebianPackages([{ command: 'mvn', pkg: 'maven' }]);
  fs.mkdirSync(downloads, { recursive: true });
  log.step(`Fetching s3proxy ${version} from Maven Central`);
  await runAsync(
    'mvn',
    [
      '-B',
      '-q',
      `org.apache.maven.plugins:maven-dependency-plugin:${versions.mavenDependencyPlugin}:copy`,
      `-Dartifact=org.gaul:s3proxy:${version}:jar:jar-with-dependencies`,
      `-DoutputDirectory=${downloads}`,
    ],
    { cwd: cacheDir },
  );
  if (!fs.existsSync(jar)) throw new LauncherError(`Maven did not leave ${jar}`);
  return jar;
}
