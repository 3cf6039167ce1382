import { log } from '../lib/log.mjs';
import { prepare } from '../lib/prepare.mjs';
import { profile } from '../lib/profiles.mjs';
import { installSignalHandlers, isStopping } from '../lib/processes.mjs';
import { startStack, stopAll } from '../lib/stack.mjs';
import { prettyBackendLine } from '../lib/backendLog.mjs';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The demo users' one-time-code secret as an authenticator app takes it (base32 of the secret's bytes). */
function otpauthUri(secret) {
  let bits = '';
  for (const byte of Buffer.from(secret, 'utf8')) bits += byte.toString(2).padStart(8, '0');
  let encoded = '';
  for (let i = 0; i < bits.length; i += 5) encoded += BASE32[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return `otpauth://totp/Arbeitsbereich:Demo?secret=${encoded}&issuer=Arbeitsbereich&algorithm=SHA1&digits=6&period=30`;
}

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
  log.plain(`  Admins also enter a one-time code; add this to an authenticator app:`);
  log.plain(`  ${otpauthUri(secrets.demoTotpSecret)}`);
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
