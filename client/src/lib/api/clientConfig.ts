import { clientConfig, type ClientConfig } from '@arbeitsbereich/contract';
import { getJson } from './http';
import { parseWith } from './parse';

export type { ClientConfig, LegalLinks } from '@arbeitsbereich/contract';

/** GET /api/client-config: the same for everyone, no session needed. */
export async function fetchClientConfig(signal?: AbortSignal): Promise<ClientConfig> {
  const { body } = await getJson('/api/client-config', signal ? { signal } : {});
  return parseWith(clientConfig, body);
}
