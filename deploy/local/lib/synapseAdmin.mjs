import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LauncherError } from './log.mjs';

async function tokenWorks(synapseUrl, token) {
  const response = await fetch(`${synapseUrl}/_matrix/client/v3/account/whoami`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return response.ok;
}

/**
 * A homeserver admin account for the few things only Synapse's admin API can
 * do (reactivating an account), registered with the registration shared
 * secret. Its token is kept with the stack's other secrets.
 */
export async function ensureSynapseAdminToken(p, secrets) {
  if (secrets.matrixAdminToken && (await tokenWorks(p.synapseUrl, secrets.matrixAdminToken))) {
    return secrets.matrixAdminToken;
  }
  const endpoint = `${p.synapseUrl}/_synapse/admin/v1/register`;
  const { nonce } = await (await fetch(endpoint)).json();
  const username = `workspace-admin-${crypto.randomBytes(4).toString('hex')}`;
  const password = crypto.randomBytes(24).toString('base64url');
  const mac = crypto
    .createHmac('sha1', secrets.registrationSharedSecret)
    .update([nonce, username, password, 'admin'].join('\0'))
    .digest('hex');
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ nonce, username, password, admin: true, mac }),
  });
  if (!response.ok) throw new LauncherError(`Could not register the Synapse admin account (HTTP ${response.status}).`);
  const { access_token: token } = await response.json();
  secrets.matrixAdminToken = token;
  const file = path.join(p.dir, 'secrets.json');
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return token;
}
