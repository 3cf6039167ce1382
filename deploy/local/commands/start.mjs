import { log } from '../lib/log.mjs';
import { prepare } from '../lib/prepare.mjs';
import { profile } from '../lib/profiles.mjs';
import { installSignalHandlers, isStopping } from '../lib/processes.mjs';
import { startStack, stopAll } from '../lib/stack.mjs';
import { prettyBackendLine } from '../lib/backendLog.mjs';

/** npm start: install, build, run the workspace on its embedded default stack until Ctrl-C. */
export default async function start() {
  const began = Date.now();
  installSignalHandlers(stopAll);
  const tools = await prepare();
  const p = profile('dev');
  const { secrets, backend } = await startStack(p, { ...tools, onBackendLine: prettyBackendLine });
  log.plain('');
  log.ok(`Arbeitsbereich is ready after ${Math.round((Date.now() - began) / 1000)} s: ${p.publicUrl}`);
  log.plain(`  Demo sign-in (tenant "Demo-Behörde"): amelie.admin (tenant admin), bernd.beispiel (member),`);
  log.plain(`  gabi.gast (guest), paula.plattform (platform admin); password for all: ${secrets.demoPassword}`);
  log.plain(`  Keycloak admin console: ${p.keycloakUrl}/admin/ (user admin, password in ${p.dir}/secrets.json)`);
  log.plain(`  Matrix homeserver: ${p.synapseUrl}   Logs: ${p.paths.logs}`);
  log.plain('  Press Ctrl-C to stop every part.');
  log.plain('');
  await new Promise((resolve) => backend.child.once('exit', resolve));
  if (isStopping()) return new Promise(() => {}); // the signal handler exits
  log.error(`The backend stopped (exit ${backend.exitCode}); stopping the rest.`);
  await stopAll();
  return 1;
}
