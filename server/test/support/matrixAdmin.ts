import { stackEnv } from './stackEnv.js';

/**
 * Chat accounts and devices of the test stack made without their owner:
 * accounts through Synapse's admin API, devices with the token of the test
 * stack's own application service (`m.login.application_service`; the
 * workspace's service acts as no one), and a server admin's "log in as user"
 * token. Synapse gives the latter no device of its own, so it cannot take part
 * in end-to-end encryption; the application service's login makes a real device.
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

export interface DeviceWithoutOwner {
  userId: string;
  deviceId: string;
  accessToken: string;
}

/** A new device of the account, made with an application service's token without its owner. */
export async function serviceLoginAs(userId: string): Promise<DeviceWithoutOwner> {
  const login = await adminCall<{ device_id: string; access_token: string }>(
    'POST',
    '/_matrix/client/v3/login',
    { type: 'm.login.application_service', identifier: { type: 'm.id.user', user: userId } },
    stackEnv('MATRIX_HARNESS_AS_TOKEN'),
  );
  return { userId, deviceId: login.device_id, accessToken: login.access_token };
}

/** The server admin's "log in as user": an access token for the account, and its device if it has one. */
export async function adminLoginAs(userId: string): Promise<{ accessToken: string; deviceId: string | undefined }> {
  const { access_token } = await adminCall<{ access_token: string }>(
    'POST',
    `/_synapse/admin/v1/users/${encodeURIComponent(userId)}/login`,
    {},
  );
  const whoami = await adminCall<{ device_id?: string }>(
    'GET',
    '/_matrix/client/v3/account/whoami',
    undefined,
    access_token,
  );
  return { accessToken: access_token, deviceId: whoami.device_id };
}

/** Whether the homeserver still accepts a device's access token. */
export async function tokenWorks(accessToken: string): Promise<boolean> {
  const response = await fetch(`${stackEnv('MATRIX_HOMESERVER_URL')}/_matrix/client/v3/account/whoami`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  return response.ok;
}

/** A call to the client-server API (`/_matrix/client/v3…`) with an account's own token; the status and the parsed body. */
export async function clientCall(
  accessToken: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${stackEnv('MATRIX_HOMESERVER_URL')}/_matrix/client/v3${path}`, {
    method,
    headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
}

/** The account as Synapse's admin API describes it: deactivated and erased among its fields. */
export function synapseAccount(userId: string): Promise<{ deactivated: boolean; erased: boolean }> {
  return adminCall('GET', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`);
}
