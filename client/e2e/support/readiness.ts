/** The body of GET /readyz, read by the test directly from the server. */
export interface ReadyzBody {
  status: 'ready' | 'not-ready';
  /** Each part's state: only for a signed-in platform admin. */
  checks?: Record<string, { status: 'up' | 'down'; latencyMs: number; detail?: string }>;
}

export async function fetchReadyz(baseUrl: string): Promise<ReadyzBody> {
  const response = await fetch(`${baseUrl}/readyz`, { headers: { Accept: 'application/json' } });
  if (response.status !== 200 && response.status !== 503) {
    throw new Error(`GET /readyz answered ${response.status}, expected 200 or 503.`);
  }
  return (await response.json()) as ReadyzBody;
}
