import type { PartHealth } from '../../domain/ports/health.js';
import type { MatrixHttp } from './matrixHttp.js';

/**
 * Probes the homeserver: `/health` (the process answers) and
 * `/_matrix/client/versions` (the client API is served). Never throws; a down
 * result names the cause in words an operator can act on.
 */
export async function checkHomeserver(http: MatrixHttp): Promise<PartHealth> {
  const started = performance.now();
  const result = (status: PartHealth['status'], detail?: string): PartHealth => {
    const latencyMs = Math.round(performance.now() - started);
    return detail === undefined ? { status, latencyMs } : { status, latencyMs, detail };
  };

  try {
    const health = await http.probe('/health');
    if (health.status !== 200) {
      return result('down', `HTTP ${health.status} from ${http.target}/health`);
    }
    const versions = await http.probe('/_matrix/client/versions');
    if (versions.status !== 200) {
      return result('down', `HTTP ${versions.status} from ${http.target}/_matrix/client/versions`);
    }
    if (!listsVersions(versions.text)) {
      return result('down', `${http.target}/_matrix/client/versions is not a Matrix versions answer`);
    }
    return result('up');
  } catch (error) {
    return result('down', error instanceof Error ? error.message : 'homeserver probe failed');
  }
}

function listsVersions(text: string): boolean {
  try {
    const body = JSON.parse(text) as unknown;
    return typeof body === 'object' && body !== null && Array.isArray((body as { versions?: unknown }).versions);
  } catch {
    return false;
  }
}
