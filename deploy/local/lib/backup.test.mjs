import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupParts, backupProfile, partNames, restoreProfile, verifiedManifest } from './backup.mjs';

/** A profile shaped like profiles.mjs's, in a temporary folder. */
function fakeProfile(dir) {
  return {
    name: 'test',
    dir,
    paths: {
      database: path.join(dir, 'workspace.sqlite'),
      keycloakHome: path.join(dir, 'keycloak'),
      synapseData: path.join(dir, 'synapse'),
      files: path.join(dir, 'files'),
    },
  };
}

function write(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Every file of the profile's stores with its content, for comparing states. */
function state(p) {
  const out = {};
  const walk = (target) => {
    if (!fs.existsSync(target)) return;
    if (fs.statSync(target).isFile()) out[path.relative(p.dir, target)] = fs.readFileSync(target, 'hex');
    else for (const entry of fs.readdirSync(target)) walk(path.join(target, entry));
  };
  for (const part of backupParts(p)) part.paths.forEach(walk);
  return out;
}

describe('backup and restore of a stopped stack', () => {
  let tmp;
  let p;
  let backupDir;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-'));
    p = fakeProfile(path.join(tmp, 'stack'));
    backupDir = path.join(tmp, 'backup');
    write(p.paths.database, 'workspace rows');
    write(`${p.paths.database}-wal`, 'workspace wal');
    write(path.join(p.paths.keycloakHome, 'data/h2/keycloakdb.mv.db'), crypto.randomBytes(4096));
    write(path.join(p.paths.keycloakHome, 'data/import/realm-workspace.json'), '{"rendered": true}');
    write(path.join(p.paths.synapseData, 'homeserver.db'), 'rooms and events');
    write(path.join(p.paths.synapseData, 'homeserver.yaml'), 'rendered: true');
    write(path.join(p.paths.synapseData, 'media_store/local_content/ab/cd/ef'), crypto.randomBytes(1000));
    write(path.join(p.paths.synapseData, 'signing.key'), 'ed25519 a_key secret');
    write(path.join(p.paths.files, 't1/r1/doc.bin'), crypto.randomBytes(2048));
    write(path.join(p.dir, 'secrets.json'), '{"sessionSecret":"s"}');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('names each store once, in the order the manifest keeps', () => {
    expect(backupParts(p).map((part) => part.name)).toEqual(partNames);
  });

  it('brings every store back byte for byte after they were wiped, and leaves rendered configuration out', () => {
    const before = state(p);
    const manifest = backupProfile(p, backupDir, { now: new Date('2026-12-05T01:00:00Z') });
    expect(manifest.createdAt).toBe('2026-12-05T01:00:00.000Z');
    expect(manifest.parts.find((part) => part.name === 'synapse-db').files.map((f) => f.path)).toEqual([
      'homeserver.db',
    ]);
    expect(fs.statSync(backupDir).mode & 0o777).toBe(0o700);

    for (const part of backupParts(p))
      for (const target of part.paths) fs.rmSync(target, { recursive: true, force: true });
    write(p.paths.database, 'a newer database that must go');
    write(path.join(p.paths.files, 'later.bin'), 'a file made after the backup');
    expect(state(p)).not.toEqual(before);

    restoreProfile(p, backupDir);
    expect(state(p)).toEqual(before);
    expect(fs.existsSync(path.join(p.paths.files, 'later.bin'))).toBe(false);
    expect(fs.statSync(path.join(p.dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged backup and then changes nothing', () => {
    backupProfile(p, backupDir);
    write(p.paths.database, 'the current database');
    fs.appendFileSync(path.join(backupDir, 'synapse-media/media_store/local_content/ab/cd/ef'), 'x');
    expect(() => restoreProfile(p, backupDir)).toThrow(
      /damaged.*synapse-media\/media_store\/local_content\/ab\/cd\/ef/,
    );
    expect(fs.readFileSync(p.paths.database, 'utf8')).toBe('the current database');
  });

  it('refuses a manifest whose files would land outside their store', () => {
    backupProfile(p, backupDir);
    const file = path.join(backupDir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    manifest.parts[0].files.push({ path: '../../escape', size: 0, sha256: crypto.createHash('sha256').digest('hex') });
    write(path.join(backupDir, 'workspace-db/../../escape'), '');
    fs.writeFileSync(file, JSON.stringify(manifest));
    expect(() => verifiedManifest(backupDir)).toThrow(/outside their store/);
  });

  it('writes into an empty folder only, and needs a workspace database', () => {
    write(path.join(backupDir, 'something'), 'x');
    expect(() => backupProfile(p, backupDir)).toThrow(/not empty/);
    fs.rmSync(p.paths.database);
    expect(() => backupProfile(p, path.join(tmp, 'other'))).toThrow(/No workspace database/);
  });
});
