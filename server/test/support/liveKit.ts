import { startBackend, type BackendRun } from './backendProcess.js';
import { stackEnv } from './stackEnv.js';

/** The test stack's LiveKit server over http(s): its room API and token check. */
export const liveKitHttp = (): string => stackEnv('LIVEKIT_URL').replace(/^ws/, 'http');

/** A backend of its own on the stack's database and sessions, with its meetings on the stack's LiveKit. */
export function startLiveKitBackend(overrides: Record<string, string> = {}): Promise<BackendRun> {
  return startBackend({
    DATABASE_URL: stackEnv('DATABASE_URL'),
    PUBLIC_URL: stackEnv('PUBLIC_URL'),
    MEETINGS_PROVIDER: 'livekit',
    LIVEKIT_URL: stackEnv('LIVEKIT_URL'),
    LIVEKIT_API_KEY: stackEnv('LIVEKIT_API_KEY'),
    LIVEKIT_API_SECRET: stackEnv('LIVEKIT_API_SECRET'),
    ...overrides,
  });
}

/** A signalling connection as a browser opens it; LiveKit lists the participant while it is open. */
export async function signal(jwt: string): Promise<WebSocket> {
  const socket = new WebSocket(`${stackEnv('LIVEKIT_URL')}/rtc?access_token=${jwt}&protocol=16&auto_subscribe=1`);
  socket.binaryType = 'arraybuffer';
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('message', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('LiveKit refused the signalling connection')), {
      once: true,
    });
  });
  return socket;
}
