import { unavailable } from '../../domain/errors.js';
import type { ChatDevice, ChatDevices } from '../../domain/ports/chatDevices.js';
import { isMatrixError } from './matrixErrors.js';
import { MatrixHttp, segment } from './matrixHttp.js';
import { isJsonObject } from './matrixState.js';

export interface MatrixChatDevicesOptions {
  /** Base URL of the homeserver, e.g. http://localhost:8008. */
  homeserverUrl: string;
  /** The application service's token (MatrixHttp needs one; this adapter calls only the admin API). */
  asToken: string;
  /** Access token of a homeserver admin: devices are read and removed through Synapse's admin API. */
  adminToken: string | undefined;
  /** Per request, default 10 seconds. */
  timeoutMs?: number;
}

/**
 * Chat devices through Synapse's admin API
 * (`/_synapse/admin/v2/users/<user_id>/devices/<device_id>`). Removing a device
 * through the client-server API would need its owner's interactive
 * confirmation, which accounts that sign in only through single sign-on cannot
 * easily give; the backend confirms the owner instead (ADR 0019).
 */
export class MatrixChatDevices implements ChatDevices {
  private readonly http: MatrixHttp;
  private readonly configured: boolean;

  constructor(options: MatrixChatDevicesOptions) {
    this.http = new MatrixHttp({
      homeserverUrl: options.homeserverUrl,
      asToken: options.asToken,
      adminToken: options.adminToken,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    this.configured = Boolean(options.adminToken);
  }

  async findDevice(userId: string, deviceId: string): Promise<ChatDevice | undefined> {
    this.assertConfigured();
    let body: unknown;
    try {
      body = await this.http.call({ method: 'GET', admin: true, path: devicePath(userId, deviceId) });
    } catch (error) {
      if (isMatrixError(error) && (error.status === 404 || error.errcode === 'M_NOT_FOUND')) return undefined;
      throw homeserverFailure(error);
    }
    if (!isJsonObject(body) || body.device_id !== deviceId) return undefined;
    return {
      deviceId,
      displayName: typeof body.display_name === 'string' ? body.display_name : null,
      lastSeenAt: typeof body.last_seen_ts === 'number' ? body.last_seen_ts : null,
    };
  }

  async removeDevice(userId: string, deviceId: string): Promise<void> {
    this.assertConfigured();
    try {
      await this.http.call({ method: 'DELETE', admin: true, path: devicePath(userId, deviceId) });
    } catch (error) {
      if (isMatrixError(error) && error.status === 404) return;
      throw homeserverFailure(error);
    }
  }

  private assertConfigured(): void {
    if (!this.configured) {
      throw unavailable('Removing chat devices needs the homeserver admin token (MATRIX_ADMIN_TOKEN)', 'chat-admin');
    }
  }
}

function devicePath(userId: string, deviceId: string): string {
  return `/v2/users/${segment(userId)}/devices/${segment(deviceId)}`;
}

function homeserverFailure(error: unknown) {
  const reason = error instanceof Error ? error.message : 'unknown failure';
  return unavailable(`The chat server did not answer as expected: ${reason}`, 'chat-unavailable');
}
