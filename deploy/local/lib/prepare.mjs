import { checkNode, ensureDebianPackages, findJavaHome, findPython } from './prerequisites.mjs';
import { ensureLiveKitServer } from './livekit.mjs';
import { ensureMailpit } from './mailpit.mjs';
import { ensureBuild, ensureKeycloakDist, ensureNodeModules, ensureSynapseVenv } from './install.mjs';

/** Everything `npm start` and `npm test` need before a stack can start. */
export async function prepare() {
  checkNode();
  const python = findPython();
  const java = findJavaHome();
  // LibreOffice makes previews and exports: Writer for text, Calc and Impress for spreadsheets and slides;
  // bubblewrap runs each conversion in a sandbox (ADR 0018).
  ensureDebianPackages([
    { command: 'soffice', pkg: 'libreoffice-writer-nogui' },
    { command: '/usr/lib/libreoffice/program/libsclo.so', pkg: 'libreoffice-calc-nogui' },
    { command: '/usr/lib/libreoffice/program/libsdlo.so', pkg: 'libreoffice-impress-nogui' },
    { command: 'bwrap', pkg: 'bubblewrap' },
  ]);
  ensureNodeModules();
  // Downloads run while the build uses the CPU.
  // LiveKit's server for meetings (ADR 0040) and Mailpit, the local mail server (ADR 0041), are built
  // from the Go module proxy once.
  const downloads = Promise.all([
    ensureKeycloakDist(),
    ensureSynapseVenv(python),
    ensureLiveKitServer(),
    ensureMailpit(),
  ]);
  downloads.catch(() => {});
  ensureBuild();
  const [dist, venv, livekit, mailpit] = await downloads;
  return { dist, venv, java, livekit, mailpit };
}
