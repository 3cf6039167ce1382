import { MatrixChatRooms } from '../../src/adapters/matrix/index.js';
import { stackEnv } from './stackEnv.js';

/** The workspace's Matrix adapter for the test stack's homeserver, as the running backend has it. */
export function stackMatrix(timeoutMs = 5000): MatrixChatRooms {
  return new MatrixChatRooms({
    homeserverUrl: stackEnv('MATRIX_HOMESERVER_URL'),
    serverName: stackEnv('MATRIX_SERVER_NAME'),
    asToken: stackEnv('MATRIX_AS_TOKEN'),
    senderLocalpart: stackEnv('MATRIX_AS_SENDER_LOCALPART'),
    adminToken: stackEnv('MATRIX_ADMIN_TOKEN'),
    timeoutMs,
  });
}
