const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);

export const log = {
  step: (msg) => console.log(`${paint('36', '›')} ${msg}`),
  ok: (msg) => console.log(`${paint('32', '✓')} ${msg}`),
  warn: (msg) => console.warn(`${paint('33', '!')} ${msg}`),
  error: (msg) => console.error(`${paint('31', '✗')} ${msg}`),
  plain: (msg) => console.log(msg),
};

/** A failure the user can act on: printed without a stack trace. */
export class LauncherError extends Error {}
