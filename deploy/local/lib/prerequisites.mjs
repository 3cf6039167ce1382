import fs from 'node:fs';
import path from 'node:path';
import { capture, run } from './run.mjs';
import { LauncherError, log } from './log.mjs';
import { versions } from './paths.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function versionAtLeast(actual, wanted) {
  const a = actual.split('.').map(Number);
  const w = wanted.split('.').map(Number);
  for (let i = 0; i < w.length; i++) {
    if ((a[i] ?? 0) !== w[i]) return (a[i] ?? 0) > w[i];
  }
  return true;
}

export function checkNode() {
  const actual = process.versions.node;
  if (!versionAtLeast(actual, versions.minimum.node)) {
    throw new LauncherError(`Node.js ${versions.minimum.node} or newer is needed (found ${actual}).`);
  }
}

export function findPython() {
  for (const candidate of [process.env.PYTHON, 'python3', 'python3.13', 'python3.12', 'python3.11', 'python3.10']) {
    if (!candidate) continue;
    const out = capture(candidate, ['-c', 'import sys, venv; print("%d.%d" % sys.version_info[:2])']);
    if (out && versionAtLeast(out.trim(), versions.minimum.python)) return candidate;
  }
  throw new LauncherError(
    `Python ${versions.minimum.python} or newer with the venv module is needed for Synapse (on Debian: apt-get install python3 python3-venv), or set PYTHON.`,
  );
}

function javaMajor(javaHome) {
  const out = capture(path.join(javaHome, 'bin/java'), ['-version']);
  const match = out?.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) return undefined;
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

/**
 * Keycloak supports Java 17, 21 and 25; 17 is the oldest and on its way out, so
 * the newest supported JDK found wins (ADR 0004). KEYCLOAK_JAVA_HOME overrides.
 */
export function findJavaHome() {
  if (process.env.KEYCLOAK_JAVA_HOME) {
    const major = javaMajor(process.env.KEYCLOAK_JAVA_HOME);
    if (!major) throw new LauncherError(`KEYCLOAK_JAVA_HOME=${process.env.KEYCLOAK_JAVA_HOME} holds no working Java.`);
    return { home: process.env.KEYCLOAK_JAVA_HOME, major };
  }
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(process.env.JAVA_HOME);
  if (fs.existsSync('/usr/lib/jvm')) {
    for (const name of fs.readdirSync('/usr/lib/jvm')) candidates.push(path.join('/usr/lib/jvm', name));
  }
  const javaOnPath = capture('sh', ['-c', 'readlink -f "$(command -v java)"']);
  if (javaOnPath?.trim()) candidates.push(path.resolve(javaOnPath.trim(), '../..'));
  const supported = [25, 21, 17];
  const found = [];
  for (const home of new Set(candidates)) {
    const major = javaMajor(home);
    if (major && supported.includes(major)) found.push({ home, major });
  }
  found.sort((a, b) => b.major - a.major);
  if (found.length === 0) {
    throw new LauncherError(
      'Java 17, 21 or 25 is needed for Keycloak (on Debian: apt-get install openjdk-17-jre-headless), or set KEYCLOAK_JAVA_HOME.',
    );
  }
  return found[0];
}

/**
 * The Java s3proxy runs on: 17, the release it is built and tested for
 * (S3PROXY_JAVA_HOME overrides); else the newest found (e.g. Keycloak's).
 */
export function findS3ProxyJava(fallback) {
  const candidates = [process.env.S3PROXY_JAVA_HOME];
  if (fs.existsSync('/usr/lib/jvm')) {
    for (const name of fs.readdirSync('/usr/lib/jvm')) candidates.push(path.join('/usr/lib/jvm', name));
  }
  for (const home of candidates) {
    if (home && javaMajor(home) === 17) return { home, major: 17 };
  }
  return fallback;
}

function hasCommand(cmd) {
  if (cmd.startsWith('/')) return capture('sh', ['-c', `ls ${cmd}`]) !== undefined;
  return capture('sh', ['-c', `command -v ${cmd}`]) !== undefined;
}

/**
 * Debian packages the stack or its tests need. Installed when running as root
 * (as on CI); otherwise the message says what to install.
 */
export function ensureDebianPackages(packages) {
  const missing = packages.filter(({ command }) => !hasCommand(command));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  if (!isRoot || !hasCommand('apt-get')) {
    throw new LauncherError(
      `Missing: ${missing.map((p) => p.command).join(', ')}. Install the Debian packages: apt-get install ${names.join(' ')}`,
    );
  }
  log.step(`Installing Debian packages: ${names.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
