import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One setting of LibreOffice's configuration (officecfg/registry/schema/org/openoffice/Office/*.xcs). */
interface Setting {
  path: string;
  name: string;
  type: 'boolean' | 'int';
  value: string;
}

/**
 * What every throwaway profile starts with: a converted document never
 * updates links and never loads content from outside itself. The keys and
 * values are those of LibreOffice's configuration schema:
 * - Common/Security/Scripting: `BlockUntrustedRefererLinks` stops loading
 *   linked images and other content a document refers to (http:, file:, …);
 *   `MacroSecurityLevel` 3 is "very high" (only signed macros from trusted
 *   sources) and `DisableMacrosExecution` turns macros off altogether.
 * - Writer/Content/Update `Link`: 0 always, 1 on request, 2 never.
 * - Calc/Content/Update `Link`: 0 always, 1 never, 2 on request (Calc counts differently).
 *   Links are how OLE objects, DDE fields and linked sections and sheets refresh.
 * - Calc/Formula/Load `OOXMLRecalcMode`, `ODFRecalcMode`: 1 never recalculates
 *   on load, so functions such as WEBSERVICE do not run.
 */
const settings: Setting[] = [
  { path: 'Common/Security/Scripting', name: 'BlockUntrustedRefererLinks', type: 'boolean', value: 'true' },
  { path: 'Common/Security/Scripting', name: 'MacroSecurityLevel', type: 'int', value: '3' },
  { path: 'Common/Security/Scripting', name: 'DisableMacrosExecution', type: 'boolean', value: 'true' },
  { path: 'Writer/Content/Update', name: 'Link', type: 'int', value: '2' },
  { path: 'Calc/Content/Update', name: 'Link', type: 'int', value: '1' },
  { path: 'Calc/Formula/Load', name: 'OOXMLRecalcMode', type: 'int', value: '1' },
  { path: 'Calc/Formula/Load', name: 'ODFRecalcMode', type: 'int', value: '1' },
];

/** The profile's `user/registrymodifications.xcu` with the settings above. */
export const registryModifications = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
  ...settings.map(
    (s) =>
      `<item oor:path="/org.openoffice.Office.${s.path}"><prop oor:name="${s.name}" oor:op="fuse"><value>${s.value}</value></prop></item>`,
  ),
  '</oor:items>',
  '',
].join('\n');

/** The one setting whose presence shows the file is (still) ours; LibreOffice rewrites the file at exit, keeping it. */
const SIGNATURE = '<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value>';

/**
 * Makes `profile` (a `-env:UserInstallation` folder) start with the settings
 * above: a new profile gets them before LibreOffice first runs; one that lost
 * them is reset.
 */
export async function prepareProfile(profile: string): Promise<void> {
  const file = path.join(profile, 'user', 'registrymodifications.xcu');
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current.includes(SIGNATURE)) return;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, registryModifications);
}
