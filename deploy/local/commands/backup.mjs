import path from 'node:path';
import { backupProfile } from '../lib/backup.mjs';
import { localDir } from '../lib/paths.mjs';
import { LauncherError, log } from '../lib/log.mjs';
import { profile } from '../lib/profiles.mjs';
import { assertStackStopped, profileOption } from '../lib/stackState.mjs';

/**
 * npm run backup -- [--profile dev|test] [--to <folder>]: copies the state of a
 * stopped local stack (ADR 0035). The folder holds the stack's secrets: keep it as such.
 */
export default async function backup(args) {
  const options = { profile: 'dev', to: undefined };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2);
    const value = inline ?? args[++i];
    if (flag === '--profile') options.profile = profileOption(value);
    else if (flag === '--to') options.to = path.resolve(value);
    else throw new LauncherError(`Unknown option ${flag}. Use [--profile dev|test] [--to <folder>]`);
  }
  const p = profile(options.profile);
  await assertStackStopped(p);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = options.to ?? path.join(localDir, 'backups', `${p.name}-${stamp}`);
  const manifest = backupProfile(p, dir);
  const files = manifest.parts.reduce((n, part) => n + part.files.length, 0);
  const bytes = manifest.parts.reduce((n, part) => n + part.files.reduce((m, f) => m + f.size, 0), 0);
  log.ok(`Backed up stack "${p.name}" to ${dir}: ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
  return 0;
}
