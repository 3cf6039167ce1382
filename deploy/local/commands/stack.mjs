import { log } from '../lib/log.mjs';
import { prepare } from '../lib/prepare.mjs';
import { profile } from '../lib/profiles.mjs';
import { installSignalHandlers } from '../lib/processes.mjs';
import { startPostgres } from '../lib/postgres.mjs';
import { resetState, startStack, stopAll, testEnv } from '../lib/stack.mjs';

/**
 * npm run stack -- [test|dev] [--fresh]: starts a stack and prints its environment
 * (as shell exports), e.g. to run single test files against it while developing.
 */
export default async function stack(args) {
  const p = profile(args.find((a) => !a.startsWith('--')) ?? 'test');
  installSignalHandlers(stopAll);
  const tools = await prepare();
  if (args.includes('--fresh')) resetState(p);
  const postgres = await startPostgres(p);
  const { secrets } = await startStack(p, tools);
  const env = { ...testEnv(p, secrets), TEST_POSTGRES_URL: postgres.url };
  const file = `${p.dir}/stack.env`;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    file,
    Object.entries(env)
      .map(([k, v]) => `export ${k}='${v}'`)
      .join('\n') + '\n',
    { mode: 0o600 },
  );
  log.ok(`Stack "${p.name}" ready. Its environment: source ${file}`);
  await new Promise(() => {});
}
