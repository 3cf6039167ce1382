import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Downloads, unpacked distributions and virtualenvs: safe to delete, slow to rebuild. */
export const cacheDir = path.join(root, '.cache');
/** State of each local stack (databases, generated secrets, logs), one folder per profile. */
export const localDir = path.join(root, '.local');
export const versions = JSON.parse(fs.readFileSync(path.join(root, 'deploy/local/versions.json'), 'utf8'));

export const profileDir = (profile) => path.join(localDir, profile);
