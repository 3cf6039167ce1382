import fs from 'node:fs';
import path from 'node:path';
import { LauncherError } from './log.mjs';

/** Fills {{NAME}} placeholders; a placeholder without a value is an error, not an empty string. */
export function renderTemplate(templateFile, values, outFile, mode = 0o600) {
  const text = fs.readFileSync(templateFile, 'utf8');
  const rendered = text.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_m, name) => {
    if (!(name in values)) throw new LauncherError(`${templateFile} uses {{${name}}}, which has no value`);
    return String(values[name]);
  });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, rendered, { mode });
}
