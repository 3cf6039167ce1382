import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fetchAs, signInDemo } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { json } from '../support/tenantsApi.js';

const base = () => stackEnv('PUBLIC_URL').replace(/\/+$/, '');
const scrape = () => fetch(`${base()}/metrics`, { headers: { Authorization: `Bearer ${stackEnv('OPERATOR_TOKEN')}` } });

/** A sample's value in the exposition text, or undefined when the series is not there. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

// The backend's /metrics on the real stack (ADR 0036): after a person's journey every family an
// operator's dashboards and alerts read is there, with the facts the database holds.
describe('metrics for Prometheus', () => {
  it('are for monitoring only: an anonymous caller and a wrong key get a 404', async () => {
    expect((await fetch(`${base()}/metrics`)).status).toBe(404);
    const wrong = await fetch(`${base()}/metrics`, { headers: { Authorization: `Bearer ${'x'.repeat(43)}` } });
    expect(wrong.status).toBe(404);
    const member = await signInDemo('bernd.beispiel');
    expect((await fetchAs(member, '/metrics')).status).toBe(404);
  });

  it('show every family after a journey: requests by route, the outbox, sessions, sockets, documents, conversions', async () => {
    const admin = await signInDemo('amelie.admin');
    const tenantId = admin.actor.tenantId!;
    const room = await json<{ id: string }>(
      await fetchAs(admin, `/api/tenants/${tenantId}/rooms`, {
        method: 'POST',
        body: JSON.stringify({ name: `Messung ${randomBytes(3).toString('hex')}` }),
      }),
      201,
    );
    expect((await fetchAs(admin, `/api/tenants/${tenantId}/rooms/${room.id}`)).status).toBe(200);

    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const family of [
      'arbeitsbereich_http_request_duration_seconds',
      'arbeitsbereich_outbox_jobs',
      'arbeitsbereich_outbox_oldest_pending_age_seconds',
      'arbeitsbereich_reconciler_repairs',
      'arbeitsbereich_conversion_duration_seconds',
      'arbeitsbereich_conversions_in_progress',
      'arbeitsbereich_collab_documents_open',
      'arbeitsbereich_collab_connections',
      'arbeitsbereich_socket_connections',
      'arbeitsbereich_sessions_active',
      'arbeitsbereich_process_cpu_seconds_total',
    ]) {
      expect(text, family).toContain(`# TYPE ${family} `);
    }
    // The room's creation and read, by route template and never by id.
    expect(
      sample(
        text,
        'arbeitsbereich_http_request_duration_seconds_count{method="POST",route="/api/tenants/:tenantId/rooms",status="2xx"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(room.id);
    // The room's sync job went through the outbox; its kind is known to the gauge.
    expect(text).toMatch(/arbeitsbereich_outbox_jobs\{kind="room\.sync",state="pending"\} \d+/);
    expect(sample(text, 'arbeitsbereich_sessions_active')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'arbeitsbereich_metrics_collect_errors')).toBe(0);
  });
});
