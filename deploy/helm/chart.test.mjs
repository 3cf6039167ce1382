import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ensureDeployTools } from '../local/lib/deployTools.mjs';
import { loadConfig } from '../../server/src/config/loadConfig.ts';
import { meetingsProviderOf } from '../../server/src/config/configSchema.ts';
import { secretSettings } from '../../server/src/config/configSchema.ts';

// The chart is checked the way a cluster would take it: helm lints and renders it (values
// against values.schema.json), and every rendered object is decoded strictly into Kubernetes'
// own API types. The backend's own configuration parser then reads what the pod would get.

const chart = path.join(import.meta.dirname, 'arbeitsbereich');
const minimal = path.join(chart, 'ci/minimal-values.yaml');
const production = path.join(chart, 'ci/production-values.yaml');
let tools;

beforeAll(async () => {
  tools = await ensureDeployTools({ quiet: true });
}, 1_200_000);

function helm(args) {
  const result = spawnSync(tools.helm, args, {
    encoding: 'utf8',
    env: { ...process.env, HELM_CACHE_HOME: os.tmpdir() },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function render(...valueFiles) {
  const r = helm([
    'template',
    'arbeitsbereich',
    chart,
    '--namespace',
    'workspace',
    ...valueFiles.flatMap((f) => ['-f', f]),
  ]);
  expect(r.err, r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

function validate(manifests) {
  const r = spawnSync(tools.kubevalidate, [], { input: manifests, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const objects = (manifests) =>
  parseAllDocuments(manifests)
    .map((d) => d.toJS())
    .filter(Boolean);
const one = (list, kind) => list.find((o) => o.kind === kind);

/** The environment the workspace container gets from its ConfigMap and Secret (existing or rendered). */
function containerEnv(list, existingSecret = {}) {
  const configMap = one(list, 'ConfigMap');
  const secret = one(list, 'Secret');
  return { ...configMap.data, ...(secret?.stringData ?? existingSecret) };
}

describe('the Helm chart', () => {
  it('lints clean with the minimal and the production values', () => {
    for (const values of [minimal, production]) {
      const r = helm(['lint', '--strict', chart, '-f', values]);
      expect(r.code, r.out + r.err).toBe(0);
    }
  });

  it('renders objects Kubernetes accepts field by field', () => {
    for (const values of [minimal, production]) {
      const r = validate(render(values));
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/valid apps\/v1\/Deployment arbeitsbereich/);
      expect(r.out).toMatch(/valid networking.k8s.io\/v1\/NetworkPolicy arbeitsbereich/);
      expect(r.out).toMatch(/valid policy\/v1\/PodDisruptionBudget arbeitsbereich/);
    }
  });

  it('has a validator that refuses an unknown field and a wrong type', () => {
    const deployment = render(minimal)
      .split(/^---$/m)
      .find((d) => /kind: Deployment/.test(d));
    expect(validate(deployment.replace('replicas: 1', 'replica: 1')).err).toMatch(/unknown field "spec.replica"/);
    expect(validate(deployment.replace('replicas: 1', 'replicas: eins')).code).toBe(1);
  });

  it('runs several replicas with Redis, rolls them one at a time and scales them by CPU', () => {
    const manifests = render(production);
    expect(validate(manifests).out).toMatch(/valid autoscaling\/v2\/HorizontalPodAutoscaler arbeitsbereich/);
    const list = objects(manifests);
    const deployment = one(list, 'Deployment').spec;
    // The autoscaler owns the number of replicas.
    expect(deployment.replicas).toBeUndefined();
    expect(deployment.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(one(list, 'HorizontalPodAutoscaler').spec).toMatchObject({
      scaleTargetRef: { kind: 'Deployment', name: 'arbeitsbereich' },
      minReplicas: 2,
      maxReplicas: 6,
    });
    expect(one(list, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(one(objects(render(minimal)), 'HorizontalPodAutoscaler')).toBeUndefined();
  });

  it('runs the workspace unprivileged, read-only and probed', () => {
    const list = objects(render(production));
    const pod = one(list, 'Deployment').spec.template.spec;
    const [container] = pod.containers;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.image).toBe(
      'registry.behoerde.example/arbeitsbereich/workspace@sha256:0000000000000000000000000000000000000000000000000000000000000000',
    );
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.envFrom).toContainEqual({ secretRef: { name: 'arbeitsbereich-secrets' } });
    // Egress goes only where the values say (and to the cluster DNS).
    const egress = one(list, 'NetworkPolicy').spec.egress.flatMap((rule) => rule.to);
    expect(egress).toContainEqual({ ipBlock: { cidr: '10.0.0.0/8' } });
  });

  it('lets the Prometheus Operator scrape /metrics with the monitoring key and load the tested alert rules', () => {
    expect(one(objects(render(minimal)), 'ServiceMonitor')).toBeUndefined();
    const manifests = render(production);
    expect(validate(manifests).out).toMatch(/valid monitoring.coreos.com\/v1\/ServiceMonitor arbeitsbereich/);
    expect(validate(manifests).out).toMatch(/valid monitoring.coreos.com\/v1\/PrometheusRule arbeitsbereich/);
    const list = objects(manifests);
    const [endpoint] = one(list, 'ServiceMonitor').spec.endpoints;
    expect(endpoint).toMatchObject({
      port: 'http',
      path: '/metrics',
      authorization: { type: 'Bearer', credentials: { name: 'arbeitsbereich-secrets', key: 'OPERATOR_TOKEN' } },
    });
    const rules = parseAllDocuments(
      fs.readFileSync(path.join(chart, 'files/prometheus-alerts.yaml'), 'utf8'),
    )[0].toJS();
    expect(one(list, 'PrometheusRule').spec.groups).toEqual(rules.groups);
    expect(rules.groups[0].rules.map((r) => r.alert)).toContain('ArbeitsbereichOutboxStuck');
  });

  it('gives the backend a configuration it accepts, with every secret in the Secret only', () => {
    const list = objects(render(minimal));
    const configMap = one(list, 'ConfigMap').data;
    expect(Object.keys(configMap).filter((name) => secretSettings.has(name))).toEqual([]);
    const config = loadConfig(containerEnv(list));
    expect(config).toMatchObject({ NODE_ENV: 'production', PORT: 8080, STORAGE_DRIVER: 's3' });

    const prod = objects(render(production));
    expect(one(prod, 'Secret')).toBeUndefined();
    const existing = {
      SESSION_SECRET: 's'.repeat(48),
      KEYCLOAK_CLIENT_SECRET: 'c'.repeat(32),
      MATRIX_AS_TOKEN: 'a'.repeat(32),
      MATRIX_HS_TOKEN: 'h'.repeat(32),
      MATRIX_ADMIN_TOKEN: 'm'.repeat(32),
      DATABASE_URL: 'postgres://workspace:pw@postgres:5432/workspace',
      OPERATOR_TOKEN: 'o'.repeat(32),
      REDIS_URL: 'redis://:pw@redis.workspace.svc:6379',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    };
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chart-')), 'private.pem');
    fs.writeFileSync(keyFile, '');
    const env = containerEnv(prod, existing);
    expect(env.JITSI_PRIVATE_KEY_FILE).toBe('/var/run/secrets/arbeitsbereich/jitsi/private.pem');
    expect(loadConfig({ ...env, JITSI_PRIVATE_KEY_FILE: keyFile })).toMatchObject({
      JITSI_DOMAIN: 'meet.behoerde.example',
      KEYCLOAK_INTERNAL_URL: 'http://keycloak-service.iam.svc:8080',
      SESSION_IDLE_MINUTES: 30,
      REDIS_URL: 'redis://:pw@redis.workspace.svc:6379',
      CLAMD_URL: 'tcp://clamav.workspace.svc:3310',
      TRUST_PROXY: expect.anything(),
    });
    // Without a scanner named, uploads are not scanned (ADR 0055).
    expect(config.CLAMD_URL).toBeUndefined();
  });

  it('points the workspace at a LiveKit server, its secret in the Secret only', () => {
    const r = helm([
      'template',
      'arbeitsbereich',
      chart,
      '-f',
      minimal,
      '--set',
      'livekit.url=wss://meet.behoerde.example',
      '--set',
      'livekit.apiKey=arbeitsbereich',
      '--set',
      `secrets.LIVEKIT_API_SECRET=${'l'.repeat(40)}`,
    ]);
    expect(r.code, r.err).toBe(0);
    const list = objects(r.out);
    expect(JSON.stringify(one(list, 'ConfigMap').data)).not.toContain('l'.repeat(40));
    const config = loadConfig(containerEnv(list));
    expect(meetingsProviderOf(config)).toBe('livekit');
    expect(config).toMatchObject({
      LIVEKIT_URL: 'wss://meet.behoerde.example',
      LIVEKIT_API_KEY: 'arbeitsbereich',
      LIVEKIT_API_SECRET: 'l'.repeat(40),
    });
  });

  it('refuses values the workspace cannot run with', () => {
    const refused = (...sets) =>
      helm(['template', 'arbeitsbereich', chart, '-f', minimal, ...sets.flatMap((s) => ['--set', s])]);
    // More than one replica shares its live state through Redis (ADR 0038), and documents through S3.
    expect(refused('replicaCount=2').err).toMatch(/needs redis\.enabled/);
    expect(refused('autoscaling.enabled=true').err).toMatch(/needs redis\.enabled/);
    expect(refused('replicaCount=2', 'redis.enabled=true').err).toMatch(/secrets\.REDIS_URL is needed/);
    expect(
      refused('replicaCount=2', 'redis.enabled=true', 'secrets.REDIS_URL=redis://redis:6379', 'storage.driver=local')
        .err,
    ).toMatch(/storage\.driver s3/);
    expect(refused('replicaCount=zwei').err).toMatch(/replicaCount/);
    expect(refused('publicUrl=http://arbeitsbereich.example').err).toMatch(/publicUrl/);
    expect(refused('storage.driver=nfs').err).toMatch(/\/storage\/driver/);
    expect(refused('livekit.url=https://meet.example').err).toMatch(/\/livekit\/url/);
    expect(refused('livekit.url=wss://meet.example').err).toMatch(/livekit\.apiKey is needed/);
    expect(refused('clamav.url=http://clamav:3310').err).toMatch(/\/clamav\/url/);
    const noSecret = helm(['template', 'arbeitsbereich', chart]);
    expect(noSecret.code).not.toBe(0);
    expect(noSecret.err).toMatch(/secrets\.SESSION_SECRET is needed/);
  });
});
