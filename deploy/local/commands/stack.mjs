import { log } from '../lib/log.mjs';
import { prepare } from '../lib/prepare.mjs';
import { profile } from '../lib/profiles.mjs';
import { installSignalHandlers } from '../lib/processes.mjs';
import { resetState, stopAll } from '../lib/stack.mjs';
import { startTestStack } from '../lib/testStack.mjs';

/**
 * npm run stack -- [test|dev|replicas] [--fresh]: starts a stack and prints its environment
 * (as shell exports), e.g. to run single test files against it while developing.
 */
export default async function stack(args) {
  const p = profile(args.find((a) => !a.startsWith('--')) ?? 'test');
  installSignalHandlers(stopAll);
  const tools = await prepare();
  // The replicas profile's PostgreSQL is new at each start: Keycloak and Synapse start over with it.
  if (args.includes('--fresh') || p.kind === 'replicas') resetState(p);
  const { env } = await startTestStack(p, tools);
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
