import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureDeployTools } from '../local/lib/deployTools.mjs';
import { ensureSynapseVenv } from '../local/lib/install.mjs';
import { findPython } from '../local/lib/prerequisites.mjs';
import { passwordPolicy } from '../local/lib/stack.mjs';
import { liveKitWebhookPath } from '../local/lib/livekit.mjs';
import { root, versions } from '../local/lib/paths.mjs';
import { loadConfig } from '../../server/src/config/loadConfig.ts';
import { meetingsProviderOf } from '../../server/src/config/configSchema.ts';

// The compose deployment is checked as far as this machine can without a Docker engine:
// compose-go loads it as Docker Compose would, against what `npm run compose:init` generates;
// Synapse itself parses the generated configuration; Caddy validates the proxy's; the backend's
// configuration parser reads what the workspace container would get.

const here = import.meta.dirname;
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-'));
// The host's public address for the meeting server's media (a documentation address).
const meetingsIp = '203.0.113.10';
let tools;
let project;

function composeInit(...args) {
  return spawnSync(process.execPath, [path.join(root, 'deploy/local/cli.mjs'), 'compose-init', ...args], {
    encoding: 'utf8',
  });
}

beforeAll(async () => {
  tools = await ensureDeployTools({ quiet: true });
  const init = composeInit('--domain', 'behoerde.example', '--out', out, '--meetings-ip', meetingsIp);
  expect(init.status, init.stderr).toBe(0);
  const loaded = spawnSync(tools.composecheck, [path.join(here, 'compose.yaml'), path.join(out, '.env')], {
    encoding: 'utf8',
  });
  expect(loaded.status, loaded.stderr).toBe(0);
  project = JSON.parse(loaded.stdout);
}, 1_200_000);

const secretFile = (name) => path.join(out, 'secrets', name);
const read = (file) => fs.readFileSync(file, 'utf8');

describe('the compose deployment', () => {
  it('loads as Docker Compose loads it, and every file it names exists after compose:init', () => {
    expect(Object.keys(project.services).sort()).toEqual([
      'clamav',
      'keycloak',
      'livekit',
      'postgres',
      'proxy',
      'redis',
      'synapse',
      'synapse-admin-token',
      'synapse-worker',
      'workspace',
    ]);
    const files = [
      ...Object.values(project.secrets).map((s) => s.file),
      ...Object.values(project.services).flatMap((s) =>
        (s.volumes ?? []).filter((v) => v.type === 'bind').map((v) => v.source),
      ),
    ];
    expect(files.filter((f) => !fs.existsSync(f))).toEqual([]);
  });

  it('runs the versions that are tested here', () => {
    const caddy = read(path.join(root, 'deploy/tools/go.mod')).match(/caddyserver\/caddy\/v2 v([\d.]+)/)[1];
    expect(project.services.proxy.image).toBe(`caddy:${caddy}`);
    expect(project.services.keycloak.image).toBe(`quay.io/keycloak/keycloak:${versions.keycloak}`);
    for (const name of ['synapse', 'synapse-worker', 'synapse-admin-token']) {
      expect(project.services[name].image).toBe(`ghcr.io/element-hq/synapse:v${versions.synapse}`);
    }
  });

  it('builds the image on the Node release the tests run on', () => {
    const image = read(path.join(root, 'deploy/image/Dockerfile')).match(/^ARG NODE_IMAGE=node:(\d+)-/m)[1];
    expect(image).toBe(versions.node.split('.')[0]);
  });

  it('has a loader that refuses a broken file', () => {
    const broken = path.join(out, 'broken.yaml');
    fs.writeFileSync(broken, read(path.join(here, 'compose.yaml')).replace('read_only: true', 'read_only: yes please'));
    const r = spawnSync(tools.composecheck, [broken, path.join(out, '.env')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/read_only/);
  });

  it('opens only the proxy and the meeting server’s media ports to the outside, and runs the workspace unprivileged and read-only', () => {
    const published = Object.entries(project.services)
      .filter(([, s]) => (s.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(published.sort()).toEqual(['livekit', 'proxy']);
    // Media only: signalling and LiveKit's API pass the proxy.
    expect(project.services.livekit.ports.map((p) => `${p.published}/${p.protocol}`)).toEqual(['7881/tcp', '7882/udp']);
    expect(project.networks.internal.internal).toBe(true);
    const workspace = project.services.workspace;
    expect(workspace).toMatchObject({ read_only: true, user: '10001:10001', cap_drop: ['ALL'] });
    expect(workspace.security_opt).toContain('no-new-privileges:true');
  });

  it('gives the workspace its secrets as files only, and a configuration the backend accepts', () => {
    const secrets = fs.readdirSync(path.join(out, 'secrets')).map((name) => read(secretFile(name)));
    const environment = project.services.workspace.environment;
    const leaked = Object.entries(environment).filter(([, value]) => secrets.some((s) => value?.includes(s)));
    expect(leaked).toEqual([]);

    // Where the container finds each file, here.
    const mounted = Object.fromEntries(
      project.services.workspace.secrets.map((s) => [`/run/secrets/${s.source}`, project.secrets[s.source].file]),
    );
    const adminToken = path.join(out, 'admin-token');
    fs.writeFileSync(adminToken, 'm'.repeat(40));
    mounted['/shared/matrix_admin_token'] = adminToken;
    const env = Object.fromEntries(
      Object.entries(environment).map(([k, v]) => [k, k.endsWith('_FILE') ? mounted[v] : (v ?? undefined)]),
    );
    expect(Object.entries(env).filter(([k, v]) => k.endsWith('_FILE') && v === undefined)).toEqual([]);
    const config = loadConfig(env);
    expect(meetingsProviderOf(config)).toBe('livekit');
    expect(config).toMatchObject({
      LIVEKIT_URL: 'wss://arbeitsbereich.behoerde.example',
      LIVEKIT_API_SECRET: read(secretFile('livekit_api_secret')),
      PUBLIC_URL: 'https://arbeitsbereich.behoerde.example',
      KEYCLOAK_URL: 'https://login.behoerde.example',
      KEYCLOAK_INTERNAL_URL: 'http://keycloak:8080',
      MATRIX_SERVER_NAME: 'behoerde.example',
      MATRIX_AS_TOKEN: read(secretFile('matrix_as_token')),
      CLAMD_URL: 'tcp://clamav:3310',
      DATABASE_URL: `postgres://workspace:${read(secretFile('workspace_db_password'))}@postgres:5432/workspace`,
    });
  });

  it('keeps the secrets made on the first run and writes the configuration anew', () => {
    const before = read(secretFile('session_secret'));
    const key = read(path.join(out, 'synapse/signing.key'));
    const again = composeInit('--domain', 'behoerde.example', '--out', out);
    expect(again.status, again.stderr).toBe(0);
    expect(read(secretFile('session_secret'))).toBe(before);
    expect(read(path.join(out, 'synapse/signing.key'))).toBe(key);
    expect(composeInit('--domain', 'not a domain', '--out', out).stderr).toMatch(/--domain must be/);
  });

  it('imports a realm without the demo people, on the public names, with the password policy', () => {
    const realm = JSON.parse(read(path.join(out, 'keycloak/realm-workspace.json')));
    expect(realm.users.map((u) => u.username)).toEqual(['service-account-workspace-backend']);
    expect(realm.organizations).toBeUndefined();
    expect(realm.passwordPolicy).toBe(passwordPolicy);
    expect(realm.otpPolicyCodeReusable).toBe(false);
    const redirects = realm.clients.flatMap((c) => c.redirectUris ?? []);
    expect(redirects).toEqual(
      expect.arrayContaining([
        'https://arbeitsbereich.behoerde.example/auth/callback',
        'https://matrix.behoerde.example/_synapse/client/oidc/callback',
      ]),
    );
    expect(read(path.join(out, 'keycloak/realm-workspace.json'))).not.toMatch(/\{\{[A-Z_]+\}\}|demo\.example/);
  });

  it('signs tokens ES256 and ships the login theme that ends other sessions by default (ADR 0045)', () => {
    const realm = JSON.parse(read(path.join(out, 'keycloak/realm-workspace.json')));
    expect(realm.defaultSignatureAlgorithm).toBe('ES256');
    const synapse = realm.clients.find((c) => c.clientId === 'synapse');
    expect(synapse.attributes['pkce.code.challenge.method']).toBe('S256');
    expect(realm.clients.map((c) => c.fullScopeAllowed)).toEqual([false, false]);
    const theme = path.join(out, 'keycloak/themes', realm.loginTheme, 'login');
    expect(read(path.join(theme, 'password-commons.ftl'))).toMatch(/name="logout-sessions"[^>]*value=true/);
    expect(read(path.join(theme, 'theme.properties'))).toMatch(/^parent=keycloak\.v2$/m);
    expect(read(path.join(root, 'deploy/compose/compose.yaml'))).toContain(
      `/keycloak/themes/${realm.loginTheme}:/opt/keycloak/themes/${realm.loginTheme}:ro`,
    );
  });

  it('keeps Synapse to the same rules as the embedded stack', () => {
    const local = parse(
      read(path.join(root, 'deploy/synapse/homeserver.yaml.tmpl')).replace(/\{\{([A-Z_]+)\}\}/g, 'X'),
    );
    const compose = parse(read(path.join(out, 'synapse/homeserver.yaml')));
    const rules = (c) => ({
      enable_registration: c.enable_registration,
      password_config: c.password_config,
      encryption: c.encryption_enabled_by_default_for_room_type,
      room_version: c.default_room_version,
      federation: [c.federation_domain_whitelist, c.trusted_key_servers, c.allow_public_rooms_over_federation],
      url_preview_enabled: c.url_preview_enabled,
      token_lifetimes: [c.refreshable_access_token_lifetime, c.refresh_token_lifetime],
      oidc: c.oidc_providers.map((p) => ({
        idp_id: p.idp_id,
        client_id: p.client_id,
        allow_existing_users: p.allow_existing_users,
        enable_registration: p.enable_registration,
        backchannel_logout_enabled: p.backchannel_logout_enabled,
        pkce_method: p.pkce_method,
        id_token_signing_alg_values_supported: p.id_token_signing_alg_values_supported,
        subject_claim: p.user_mapping_provider.config.subject_claim,
      })),
      // The same modules for the same services (server names differ).
      modules: c.modules.map((m) => ({
        ...m,
        config: { service_users: m.config.service_users.map((u) => u.split(':')[0]) },
      })),
      directory: c.user_directory,
      profiles: [c.require_auth_for_profile_requests, c.limit_profile_requests_to_users_who_share_rooms],
    });
    expect(rules(compose)).toEqual(rules(local));
    expect(compose.oidc_providers[0].skip_verification).toBeUndefined();
  });

  it('writes a Synapse configuration that Synapse itself reads, for the main process and the worker', async () => {
    const venv = await ensureSynapseVenv(findPython());
    // The container's paths, here; Redis off because the embedded stack's Synapse has no Redis
    // extra installed (the image has).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synapse-config-'));
    for (const name of fs.readdirSync(path.join(out, 'synapse'))) {
      const text = read(path.join(out, 'synapse', name))
        .replaceAll('/config/', `${dir}/`)
        .replace('"/media"', `"${dir}/media"`)
        .replace(/^redis:\n {2}enabled: true/m, 'redis:\n  enabled: false');
      fs.writeFileSync(path.join(dir, name), text);
    }
    const python = path.join(venv, 'bin/python');
    const readKey = (key, ...configs) =>
      spawnSync(python, ['-m', 'synapse.config', 'read', key, ...configs.flatMap((c) => ['-c', path.join(dir, c)])], {
        encoding: 'utf8',
        // The module the compose file mounts at /modules.
        env: { ...process.env, PYTHONPATH: path.join(root, 'deploy/synapse/modules') },
      });
    const main = readKey('worker.instance_map', 'homeserver.yaml');
    expect(main.status, main.stderr).toBe(0);
    expect(main.stdout).toMatch(/host='synapse', port=9093/);
    const worker = readKey('worker.worker_name', 'homeserver.yaml', 'worker-generic1.yaml');
    expect(worker.status, worker.stderr).toBe(0);
    expect(worker.stdout).toMatch(/worker\.worker_name: generic1/);
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'database:\n  name: mysql\n');
    expect(readKey('server.server_name', 'homeserver.yaml', 'broken.yaml').status).not.toBe(0);
  }, 120_000);

  it('has a proxy configuration Caddy accepts, with Synapse’s admin API and Keycloak’s console closed', () => {
    const env = {
      ...process.env,
      ...Object.fromEntries(
        read(path.join(out, '.env'))
          .trim()
          .split('\n')
          .map((l) => l.split('=')),
      ),
    };
    const caddyfile = path.join(here, 'Caddyfile');
    const validate = spawnSync(tools.caddy, ['validate', '--config', caddyfile, '--adapter', 'caddyfile'], {
      env,
      encoding: 'utf8',
    });
    expect(validate.status, validate.stderr).toBe(0);
    const adapted = spawnSync(tools.caddy, ['adapt', '--config', caddyfile, '--adapter', 'caddyfile'], {
      env,
      encoding: 'utf8',
    });
    expect(adapted.status, adapted.stderr).toBe(0);
    const routes = Object.values(JSON.parse(adapted.stdout).apps.http.servers).flatMap((server) => server.routes);
    const config = JSON.stringify(routes);
    for (const [host, closed] of [
      ['matrix.behoerde.example', '/_synapse/admin*'],
      ['login.behoerde.example', '/admin*'],
    ]) {
      const site = routes.find((r) => r.match?.some((m) => m.host?.includes(host)));
      const inner = site.handle.find((h) => h.handler === 'subroute').routes;
      const closing = inner.find((r) => r.match?.some((m) => m.path?.includes(closed)));
      expect(JSON.stringify(closing.handle), host).toMatch(/"handler":"static_response","status_code":404/);
      expect(JSON.stringify(closing.handle), host).not.toMatch(/reverse_proxy/);
    }
    expect(config).toContain('synapse-worker:8081');
    // Every name's answers say nosniff, Synapse's and Keycloak's too.
    for (const host of ['arbeitsbereich', 'matrix', 'login']) {
      const site = routes.find((r) => r.match?.some((m) => m.host?.includes(`${host}.behoerde.example`)));
      expect(JSON.stringify(site.handle), host).toMatch(/"X-Content-Type-Options":\["nosniff"\]/);
    }
    // Both workspace replicas, found through Docker's DNS and balanced (ADR 0038).
    expect(config).toMatch(
      /"dynamic_upstreams":\{"name":"workspace","port":"8080","refresh":5000000000,"source":"a"\}/,
    );
    expect(config).toMatch(/"selection_policy":\{"policy":"round_robin"\}/);
  });

  it('scans uploads with its own clamd, which keeps its signatures current and publishes nothing (ADR 0055)', () => {
    const clamav = project.services.clamav;
    expect(clamav.image).toMatch(/^clamav\/clamav:1\.4\.\d+$/);
    expect(project.services.workspace.environment.CLAMD_URL).toBe('tcp://clamav:3310');
    expect(clamav.ports ?? []).toEqual([]);
    // freshclam reaches the mirrors through the edge network; the workspace reaches clamd inside.
    expect(Object.keys(clamav.networks).sort()).toEqual(['edge', 'internal']);
    expect(clamav.volumes.map((v) => `${v.source}:${v.target}`)).toEqual(['clamav-signatures:/var/lib/clamav']);
  });

  it('runs two workspace replicas that share their live state through Redis', () => {
    const workspace = project.services.workspace;
    expect(workspace.deploy.replicas).toBe(2);
    expect(workspace.environment.REDIS_URL).toBe('redis://redis:6379/1');
    expect(workspace.depends_on.redis.condition).toBe('service_healthy');
  });

  it('runs the meeting server in the "meetings" profile, with its secret as a file, only when asked to', () => {
    const livekit = project.services.livekit;
    expect(livekit.image).toBe(`livekit/livekit-server:v${versions.livekit}`);
    expect(livekit.profiles).toEqual(['meetings']);
    expect(livekit.environment).toEqual({ NODE_IP: meetingsIp });
    expect(livekit).toMatchObject({ read_only: true, cap_drop: ['ALL'] });
    expect(livekit.secrets.map((s) => s.source)).toEqual(['livekit_api_secret']);
    expect(livekit.command.join(' ')).toContain('$(cat /run/secrets/livekit_api_secret)');
    const config = parse(read(path.join(here, 'livekit/livekit.yaml')));
    expect(config.keys).toBeUndefined();
    expect(config.rtc).toMatchObject({ tcp_port: 7881, udp_port: 7882 });
    expect(config.webhook.urls).toEqual([`http://workspace:8080${liveKitWebhookPath}`]);

    const without = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-'));
    expect(composeInit('--domain', 'behoerde.example', '--out', without).status).toBe(0);
    const loaded = spawnSync(tools.composecheck, [path.join(here, 'compose.yaml'), path.join(without, '.env')], {
      encoding: 'utf8',
    });
    expect(loaded.status, loaded.stderr).toBe(0);
    const plain = JSON.parse(loaded.stdout);
    expect(Object.keys(plain.services)).not.toContain('livekit');
    expect(Object.keys(plain.services.workspace.environment).filter((k) => k.startsWith('LIVEKIT_'))).toEqual([]);
    expect(composeInit('--domain', 'behoerde.example', '--out', without, '--meetings-ip', 'nowhere').stderr).toMatch(
      /--meetings-ip must be/,
    );
  });
});
