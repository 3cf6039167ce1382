import { checkNode, findJavaHome, findPython } from './prerequisites.mjs';
import { ensureBuild, ensureKeycloakDist, ensureNodeModules, ensureSynapseVenv } from './install.mjs';

/** Everything `npm start` and `npm test` need before a stack can start. */
export async function prepare() {
  checkNode();
  const python = findPython();
  const java = findJavaHome();
  ensureNodeModules();
  // Downloads run while the build uses the CPU.
  const downloads = Promise.all([ensureKeycloakDist(), ensureSynapseVenv(python)]);
  downloads.catch(() => {});
  ensureBuild();
  const [dist, venv] = await downloads;
  return { dist, venv, java };
}
