import { stackEnv } from './stackEnv.js';

/**
 * The test stack's homeserver through Synapse's admin API, with its admin
 * token: accounts made without the application service, and devices made for
 * them the way a server admin can ("log in as user").
 */
async function adminCall<T>(
  method: string,
  path: string,
  body?: unknown,
  token = stackEnv('MATRIX_ADMIN_TOKEN'),
): Promise<T> {
  const response = await fetch(`${stackEnv('MATRIX_HOMESERVER_URL')}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Creates (or updates) the account `@localpart:server`; answers its user id. */
export async function adminEnsureUser(localpart: string, displayName: string): Promise<string> {
  const userId = `@${localpart}:${stackEnv('MATRIX_SERVER_NAME')}`;
  await adminCall('PUT', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, { displayname: displayName });
  return userId;
}

export interface AdminMadeDevice {
  userId: string;
  deviceId: string;
  accessToken: string;
}

/** A new device of the account, made by the server admin without its owner. */
export async function adminLoginAs(userId: string): Promise<AdminMadeDevice> {
  const { access_token } = await adminCall<{ access_token: string }>(
    'POST',
    `/_synapse/admin/v1/users/${encodeURIComponent(userId)}/login`,
    {},
  );
  const whoami = await adminCall<{ device_id: string }>(
    'GET',
    '/_matrix/client/v3/account/whoami',
    undefined,
    access_token,
  );
  return { userId, deviceId: whoami.device_id, accessToken: access_token };
}

/** Whether the homeserver still accepts a device's access token. */
export async function tokenWorks(accessToken: string): Promise<boolean> {
  const response = await fetch(`${stackEnv('MATRIX_HOMESERVER_URL')}/_matrix/client/v3/account/whoami`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  return response.ok;
}
