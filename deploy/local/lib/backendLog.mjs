/** Turns the backend's JSON log lines into short readable ones for the terminal. */
export function prettyBackendLine(line) {
  if (!line.trim()) return;
  try {
    const entry = JSON.parse(line);
    const level =
      { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' }[entry.level] ?? entry.level;
    const time = new Date(entry.time).toISOString().slice(11, 19);
    const request = entry.req ? ` ${entry.req.method} ${entry.req.url} ${entry.res?.statusCode ?? ''}` : '';
    console.log(`  backend ${time} ${level}: ${entry.msg}${request}`);
  } catch {
    console.log(`  backend: ${line}`);
  }
}
