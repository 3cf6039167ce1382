import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { versions } from './paths.mjs';
import { LauncherError } from './log.mjs';

/**
 * Everything of a local stack that must stay consistent with everything else
 * (ADR 0035): the workspace's database (the desired state), Keycloak's
 * database (people, credentials, second factors, clients), Synapse's database,
 * media and signing key (rooms, history, devices), the documents' files, and
 * the stack's generated secrets, which those databases refer to (client
 * secrets, the application service's tokens, the key of stored tokens).
 * Rendered configuration is not part of it: the launcher writes it again.
 */
export const partNames = [
  'workspace-db',
  'keycloak-db',
  'synapse-db',
  'synapse-media',
  'synapse-signing-key',
  'documents',
  'secrets',
];

export function backupParts(p) {
  const sqlite = (file) => [file, `${file}-wal`, `${file}-shm`];
  return [
    { name: 'workspace-db', paths: sqlite(p.paths.database) },
    { name: 'keycloak-db', paths: [path.join(p.paths.keycloakHome, 'data/h2')] },
    { name: 'synapse-db', paths: sqlite(path.join(p.paths.synapseData, 'homeserver.db')) },
    { name: 'synapse-media', paths: [path.join(p.paths.synapseData, 'media_store')] },
    { name: 'synapse-signing-key', paths: [path.join(p.paths.synapseData, 'signing.key')] },
    { name: 'documents', paths: [p.paths.files] },
    { name: 'secrets', paths: [path.join(p.dir, 'secrets.json')] },
  ];
}

/** Every file below a path, relative to `base`, in a stable order. */
function filesBelow(base, target) {
  if (!fs.existsSync(target)) return [];
  const stat = fs.statSync(target);
  if (stat.isFile()) return [path.relative(base, target)];
  return fs
    .readdirSync(target)
    .sort()
    .flatMap((entry) => filesBelow(base, path.join(target, entry)));
}

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Copies a stopped stack's state into `dir` with a manifest of every file's
 * size and SHA-256. The stack must be stopped: Keycloak's H2 database and
 * Synapse's SQLite are copied as files, which is consistent only at rest.
 */
export function backupProfile(p, dir, { now = new Date() } = {}) {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new LauncherError(`The backup folder ${dir} is not empty.`);
  }
  const database = p.paths.database;
  if (!fs.existsSync(database)) throw new LauncherError(`No workspace database at ${database}: nothing to back up.`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const parts = [];
  for (const part of backupParts(p)) {
    const files = [];
    for (const source of part.paths) {
      for (const relative of filesBelow(path.dirname(source), source)) {
        const from = path.join(path.dirname(source), relative);
        const to = path.join(dir, part.name, relative);
        fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
        fs.copyFileSync(from, to);
        fs.chmodSync(to, 0o600);
        files.push({ path: relative, size: fs.statSync(to).size, sha256: sha256(to) });
      }
    }
    parts.push({ name: part.name, files });
  }
  const manifest = {
    format: 1,
    profile: p.name,
    createdAt: now.toISOString(),
    versions: { keycloak: versions.keycloak, synapse: versions.synapse, node: versions.node },
    parts,
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** The manifest of a backup, after checking that every file it lists is there, whole. */
export function verifiedManifest(dir) {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new LauncherError(`${dir} holds no backup (no manifest.json).`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (manifest.format !== 1) throw new LauncherError(`${dir}: unknown backup format ${manifest.format}.`);
  const damaged = manifest.parts.flatMap((part) =>
    part.files
      .filter((f) => {
        const copy = path.join(dir, part.name, f.path);
        return !fs.existsSync(copy) || fs.statSync(copy).size !== f.size || sha256(copy) !== f.sha256;
      })
      .map((f) => `${part.name}/${f.path}`),
  );
  if (damaged.length > 0) {
    throw new LauncherError(`The backup in ${dir} is damaged; missing or changed: ${damaged.join(', ')}`);
  }
  const unknown = manifest.parts.map((part) => part.name).filter((name) => !partNames.includes(name));
  if (unknown.length > 0) throw new LauncherError(`${dir}: unknown parts ${unknown.join(', ')}.`);
  const outside = manifest.parts.flatMap((part) =>
    part.files.filter((f) => path.isAbsolute(f.path) || path.normalize(f.path).startsWith('..')).map((f) => f.path),
  );
  if (outside.length > 0) throw new LauncherError(`${dir}: files outside their store: ${outside.join(', ')}.`);
  return manifest;
}

/**
 * Puts a stopped stack back to the state of a backup: checks the backup
 * first, then removes each store's current state and copies the backup's in.
 * Nothing is removed when the backup is damaged.
 */
export function restoreProfile(p, dir) {
  const manifest = verifiedManifest(dir);
  const parts = new Map(backupParts(p).map((part) => [part.name, part]));
  for (const part of parts.values()) {
    for (const target of part.paths) fs.rmSync(target, { recursive: true, force: true });
  }
  for (const saved of manifest.parts) {
    const part = parts.get(saved.name);
    // Each part's files are relative to the folder that holds its paths.
    const base = path.dirname(part.paths[0]);
    for (const f of saved.files) {
      const to = path.join(base, f.path);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(dir, saved.name, f.path), to);
      fs.chmodSync(to, 0o600);
    }
  }
  return manifest;
}
