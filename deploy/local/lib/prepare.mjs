import { checkNode, ensureDebianPackages, findJavaHome, findPython } from './prerequisites.mjs';
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
  // Mailpit, the local mail server, is built from the Go module proxy once (ADR 0041).
  const downloads = Promise.all([ensureKeycloakDist(), ensureSynapseVenv(python), ensureMailpit()]);
  downloads.catch(() => {});
  ensureBuild();
  const [dist, venv, mailpit] = await downloads;
  return { dist, venv, java, mailpit };
}
