import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDeployTools } from '../local/lib/deployTools.mjs';

// The alert rules the chart ships (files/prometheus-alerts.yaml) checked and evaluated by
// Prometheus' own promtool against made-up series (alerts.test.yaml): a stuck outbox job fires,
// a moving one does not (ADR 0036).

const here = import.meta.dirname;
const rules = path.join(here, '../helm/arbeitsbereich/files/prometheus-alerts.yaml');
let promtool;

beforeAll(async () => {
  promtool = (await ensureDeployTools({ quiet: true })).promtool;
}, 1_200_000);

const run = (args, cwd = here) => spawnSync(promtool, args, { cwd, encoding: 'utf8' });

describe('the alert rules', () => {
  it('are valid Prometheus rules', () => {
    const r = run(['check', 'rules', rules]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS: 5 rules found/);
  });

  it('fire when an outbox job is stuck, a part is down, jobs failed or conversions fail, and only then', () => {
    const r = run(['test', 'rules', 'alerts.test.yaml']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS/);
  });

  it('would catch a rule that no longer fires', () => {
    // The same tests against a copy whose stuck-outbox threshold is an hour: promtool must fail.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-'));
    const copy = path.join(dir, 'helm/arbeitsbereich/files/prometheus-alerts.yaml');
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.writeFileSync(
      copy,
      fs.readFileSync(rules, 'utf8').replace('oldest_pending_age_seconds) > 600', 'oldest_pending_age_seconds) > 3600'),
    );
    fs.mkdirSync(path.join(dir, 'monitoring'));
    fs.copyFileSync(path.join(here, 'alerts.test.yaml'), path.join(dir, 'monitoring/alerts.test.yaml'));
    const r = run(['test', 'rules', 'alerts.test.yaml'], path.join(dir, 'monitoring'));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/ArbeitsbereichOutboxStuck/);
  });
});
