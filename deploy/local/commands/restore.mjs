import path from 'node:path';
import { restoreProfile } from '../lib/backup.mjs';
import { LauncherError, log } from '../lib/log.mjs';
import { profile } from '../lib/profiles.mjs';
import { assertStackStopped, profileOption } from '../lib/stackState.mjs';

/**
 * npm run restore -- <folder> [--profile dev|test]: puts a stopped local stack
 * back to the state of a backup (ADR 0035); the next start converges the rest.
 */
export default async function restore(args) {
  const options = { profile: 'dev', from: undefined };
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) {
      options.from = path.resolve(args[i]);
      continue;
    }
    const [flag, inline] = args[i].split('=', 2);
    const value = inline ?? args[++i];
    if (flag === '--profile') options.profile = profileOption(value);
    else throw new LauncherError(`Unknown option ${flag}. Use <backup folder> [--profile dev|test]`);
  }
  if (!options.from) throw new LauncherError('Name the backup folder: npm run restore -- <folder>');
  const p = profile(options.profile);
  await assertStackStopped(p);
  const manifest = restoreProfile(p, options.from);
  log.ok(`Restored stack "${p.name}" to its state of ${manifest.createdAt}. Start it as usual.`);
  return 0;
}
