import net from 'node:net';
import { LauncherError } from './log.mjs';

/** `dev` or `test`: the stacks whose state the backup commands know. */
export function profileOption(value) {
  if (value !== 'dev' && value !== 'test') throw new LauncherError(`--profile must be dev or test, not ${value}`);
  return value;
}

const listening = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Refuses while any server of the stack still answers: its files are consistent only at rest. */
export async function assertStackStopped(p) {
  const running = [];
  for (const [what, port] of [
    ['the workspace', p.ports.backend],
    ['Keycloak', p.ports.keycloak],
    ['Synapse', p.ports.synapse],
  ]) {
    if (await listening(port)) running.push(`${what} (port ${port})`);
  }
  if (running.length > 0) {
    throw new LauncherError(`Stop the stack "${p.name}" first; still running: ${running.join(', ')}.`);
  }
}
