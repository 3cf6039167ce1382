import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { meetingsProviderOf } from './configSchema.js';
import { ConfigError, loadConfig } from './loadConfig.js';

const valid = {
  PUBLIC_URL: 'http://localhost:3000/',
  DATABASE_URL: 'sqlite::memory:',
  SESSION_SECRET: 's'.repeat(32),
  KEYCLOAK_URL: 'http://localhost:8080',
  KEYCLOAK_CLIENT_SECRET: 'k'.repeat(16),
  MATRIX_HOMESERVER_URL: 'http://localhost:8008',
  MATRIX_SERVER_NAME: 'localhost',
  MATRIX_AS_TOKEN: 'a'.repeat(32),
  MATRIX_HS_TOKEN: 'h'.repeat(32),
  MATRIX_ADMIN_TOKEN: 'm'.repeat(16),
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('accepts a complete environment, applies defaults and trims trailing slashes', () => {
    const config = loadConfig(valid);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.PORT).toBe(3000);
    expect(config.KEYCLOAK_REALM).toBe('workspace');
  });

  it.each([
    ['PUBLIC_URL', 'not a url'],
    ['PUBLIC_URL', 'ftp://example.org'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['MATRIX_SERVER_NAME', 'bad name!'],
    ['CONVERSION_SANDBOX', 'firejail'],
    ['CONVERSION_MEMORY_MB', '100'],
    ['IMPRINT_URL', 'impressum.html'],
    ['PRIVACY_POLICY_URL', 'mailto:datenschutz@example.de'],
    ['ACCESSIBILITY_CONTACT_EMAIL', 'barrierefreiheit'],
  ])('names %s when it is %j', (name, value) => {
    const problems = problemsOf({ ...valid, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(problems[0]).toContain(JSON.stringify(value));
  });

  it('trusts no proxy by default; TRUST_PROXY takes a number of hops or a list of addresses and subnets', () => {
    expect(loadConfig(valid).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ ...valid, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    expect(loadConfig({ ...valid, TRUST_PROXY: 'loopback' }).TRUST_PROXY).toEqual(['loopback']);
  });

  it.each(['true', 'proxy.example.org', '10.0.0.0/33', '10.0.0.1,', '-1'])('refuses TRUST_PROXY=%j', (value) => {
    const problems = problemsOf({ ...valid, TRUST_PROXY: value });
    expect(problems).toEqual([expect.stringMatching(/^TRUST_PROXY must be false, a number of proxy hops/)]);
  });

  it('refuses an http PUBLIC_URL in production, and takes it in development and tests', () => {
    const problems = problemsOf({ ...valid, NODE_ENV: 'production' });
    expect(problems).toEqual([
      'PUBLIC_URL must be an https URL in production (NODE_ENV=production): the session cookie is only ever sent over HTTPS there (got "http://localhost:3000/")',
    ]);
    expect(loadConfig({ ...valid, NODE_ENV: 'production', PUBLIC_URL: 'https://ws.example.org' }).PUBLIC_URL).toBe(
      'https://ws.example.org',
    );
    expect(loadConfig({ ...valid, NODE_ENV: 'test' }).PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('names a missing setting', () => {
    const problems = problemsOf({ ...valid, KEYCLOAK_URL: undefined });
    expect(problems).toEqual([expect.stringMatching(/^KEYCLOAK_URL is missing/)]);
  });

  it('never echoes the value of a secret', () => {
    const problems = problemsOf({ ...valid, MATRIX_AS_TOKEN: 'short-secret' });
    expect(problems[0]).toContain('MATRIX_AS_TOKEN');
    expect(problems[0]).not.toContain('short-secret');
  });

  it('sandboxes conversions by default; turning it off takes an explicit CONVERSION_SANDBOX=off', () => {
    const config = loadConfig(valid);
    expect(config.CONVERSION_SANDBOX).toBe('bwrap');
    expect(config.CONVERSION_MEMORY_MB).toBe(2048);
    expect(loadConfig({ ...valid, CONVERSION_SANDBOX: 'off' }).CONVERSION_SANDBOX).toBe('off');
    expect(problemsOf({ ...valid, CONVERSION_SANDBOX: 'false' })[0]).toMatch(/CONVERSION_SANDBOX must be bwrap or off/);
  });

  it('links no legal pages unless they are given, and keeps their URLs as they are', () => {
    const given = {
      IMPRINT_URL: 'https://www.example.de/impressum/',
      PRIVACY_POLICY_URL: 'https://www.example.de/datenschutz',
      ACCESSIBILITY_CONTACT_EMAIL: 'barrierefreiheit@example.de',
    };
    expect(loadConfig({ ...valid, ...given })).toMatchObject(given);
    expect(loadConfig(valid)).not.toHaveProperty('IMPRINT_URL');
  });

  it('leaves meetings off without JITSI_DOMAIN and applies the Jitsi defaults with it', () => {
    expect(loadConfig(valid).JITSI_DOMAIN).toBeUndefined();
    const config = loadConfig({
      ...valid,
      JITSI_DOMAIN: 'meet.example.org',
      JITSI_APP_ID: 'workspace',
      JITSI_APP_SECRET: 'j'.repeat(32),
    });
    expect(config.JITSI_AUDIENCE).toBe('jitsi');
    expect(config.JITSI_TOKEN_MINUTES).toBe(10);
  });

  it.each([
    [{ JITSI_DOMAIN: 'meet.example.org', JITSI_APP_SECRET: 'j'.repeat(32) }, 'JITSI_APP_ID'],
    [{ JITSI_DOMAIN: 'meet.example.org', JITSI_APP_ID: 'ws' }, 'JITSI_APP_SECRET'],
    [{ JITSI_DOMAIN: 'meet.example.org', JITSI_APP_ID: 'ws', JITSI_APP_SECRET: 'short' }, 'JITSI_APP_SECRET'],
    [{ JITSI_DOMAIN: 'meet.example.org', JITSI_APP_ID: 'ws', JITSI_KEY_ID: 'k' }, 'JITSI_PRIVATE_KEY_FILE'],
    [{ JITSI_DOMAIN: 'meet.example.org', JITSI_APP_ID: 'ws', JITSI_PRIVATE_KEY_FILE: '/k.pem' }, 'JITSI_KEY_ID'],
    [{ JITSI_APP_ID: 'ws', JITSI_APP_SECRET: 'j'.repeat(32) }, 'JITSI_DOMAIN'],
  ])('names the Jitsi setting that is missing or wrong in %j', (jitsi, name) => {
    const problems = problemsOf({ ...valid, ...jitsi });
    expect(problems.join('\n')).toContain(name);
    expect(problems.join('\n')).not.toContain('j'.repeat(32));
  });

  const liveKit = {
    LIVEKIT_URL: 'wss://livekit.example.org/',
    LIVEKIT_API_KEY: 'key',
    LIVEKIT_API_SECRET: 'l'.repeat(32),
  };
  const jitsi = { JITSI_DOMAIN: 'meet.example.org', JITSI_APP_ID: 'ws', JITSI_APP_SECRET: 'j'.repeat(32) };

  it('chooses the video system: from MEETINGS_PROVIDER, else from which settings are present', () => {
    expect(meetingsProviderOf(loadConfig(valid))).toBeNull();
    const withLiveKit = loadConfig({ ...valid, ...liveKit });
    expect(meetingsProviderOf(withLiveKit)).toBe('livekit');
    expect(withLiveKit.LIVEKIT_URL).toBe('wss://livekit.example.org');
    expect(withLiveKit.LIVEKIT_TOKEN_MINUTES).toBe(10);
    expect(meetingsProviderOf(loadConfig({ ...valid, ...jitsi }))).toBe('jitsi');
    expect(meetingsProviderOf(loadConfig({ ...valid, ...jitsi, ...liveKit, MEETINGS_PROVIDER: 'jitsi' }))).toBe(
      'jitsi',
    );
    expect(loadConfig({ ...valid, ...liveKit, LIVEKIT_URL: 'ws://127.0.0.1:7880' }).LIVEKIT_URL).toBe(
      'ws://127.0.0.1:7880',
    );
  });

  it.each([
    [{ ...liveKit, ...jitsi }, 'MEETINGS_PROVIDER'],
    [{ MEETINGS_PROVIDER: 'livekit' }, 'LIVEKIT_URL'],
    [{ MEETINGS_PROVIDER: 'jitsi', ...liveKit }, 'JITSI_DOMAIN'],
    [{ MEETINGS_PROVIDER: 'zoom' }, 'MEETINGS_PROVIDER'],
    [{ ...liveKit, LIVEKIT_API_KEY: undefined }, 'LIVEKIT_API_KEY'],
    [{ ...liveKit, LIVEKIT_API_SECRET: 'short' }, 'LIVEKIT_API_SECRET'],
    [{ ...liveKit, LIVEKIT_URL: 'https://livekit.example.org' }, 'LIVEKIT_URL'],
    [{ ...liveKit, LIVEKIT_URL: 'ws://livekit.example.org' }, 'LIVEKIT_URL'],
    [{ LIVEKIT_API_KEY: 'key', LIVEKIT_API_SECRET: 'l'.repeat(32) }, 'LIVEKIT_URL'],
  ])('names the meeting setting that is missing or wrong in %j', (settings, name) => {
    const problems = problemsOf({ ...valid, ...settings });
    expect(problems.join('\n')).toContain(name);
    expect(problems.join('\n')).not.toContain('l'.repeat(32));
  });

  it('scans uploads only where CLAMD_URL names a TCP address or a local socket', () => {
    expect(loadConfig(valid).CLAMD_URL).toBeUndefined();
    expect(loadConfig({ ...valid, CLAMD_URL: 'tcp://clamav:3310' }).CLAMD_URL).toBe('tcp://clamav:3310');
    expect(loadConfig({ ...valid, CLAMD_URL: 'unix:///run/clamav/clamd.ctl' }).CLAMD_URL).toBe(
      'unix:///run/clamav/clamd.ctl',
    );
    for (const wrong of ['http://clamav:3310', 'tcp://clamav', 'clamav:3310']) {
      expect(problemsOf({ ...valid, CLAMD_URL: wrong }).join('\n')).toContain('CLAMD_URL');
    }
  });

  it('sends no mail without SMTP_HOST; with it, defaults to STARTTLS on port 587', () => {
    expect(loadConfig(valid).SMTP_HOST).toBeUndefined();
    const mail = loadConfig({ ...valid, SMTP_HOST: 'mail.example.de', SMTP_FROM: 'ab@example.de' });
    expect(mail).toMatchObject({ SMTP_HOST: 'mail.example.de', SMTP_PORT: 587, SMTP_TLS: 'starttls' });
    expect(mail.SMTP_FROM_NAME).toBe('Arbeitsbereich');
  });

  it.each([
    [{ SMTP_HOST: 'mail.example.de' }, 'SMTP_FROM'],
    [{ SMTP_FROM: 'ab@example.de' }, 'SMTP_HOST'],
    [{ SMTP_HOST: 'mail.example.de', SMTP_FROM: 'not-an-address' }, 'SMTP_FROM'],
    [{ SMTP_HOST: 'mail.example.de', SMTP_FROM: 'ab@example.de', SMTP_USER: 'ab' }, 'SMTP_PASSWORD'],
    [{ SMTP_HOST: 'mail.example.de', SMTP_FROM: 'ab@example.de', SMTP_TLS: 'ssl' }, 'SMTP_TLS'],
    [
      {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://ab.example.de',
        SMTP_HOST: 'mail.example.de',
        SMTP_FROM: 'ab@example.de',
        SMTP_USER: 'ab',
        SMTP_PASSWORD: 'p'.repeat(20),
        SMTP_TLS: 'none',
      },
      'SMTP_TLS',
    ],
  ])('names the mail setting that is missing or wrong in %j', (mail, name) => {
    const problems = problemsOf({ ...valid, ...mail });
    expect(problems.join('\n')).toContain(name);
    expect(problems.join('\n')).not.toContain('p'.repeat(20));
  });
});

describe('settings from files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-'));
  const file = (name: string, content: string) => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, content);
    return at;
  };
  const { SESSION_SECRET: _session, MATRIX_AS_TOKEN: _as, ...withoutTwo } = valid;

  it('reads a secret from <NAME>_FILE without its final line break', () => {
    const config = loadConfig({
      ...withoutTwo,
      SESSION_SECRET_FILE: file('session', `${'f'.repeat(40)}\n`),
      MATRIX_AS_TOKEN_FILE: file('as', `${'t'.repeat(32)}\r\n`),
    });
    expect(config.SESSION_SECRET).toBe('f'.repeat(40));
    expect(config.MATRIX_AS_TOKEN).toBe('t'.repeat(32));
  });

  it('refuses a setting given both ways, and a file it cannot read, naming the setting only', () => {
    const problems = problemsOf({
      ...withoutTwo,
      MATRIX_AS_TOKEN: 'a'.repeat(32),
      MATRIX_AS_TOKEN_FILE: file('as2', 'b'.repeat(32)),
      SESSION_SECRET_FILE: path.join(dir, 'missing'),
    });
    expect(problems).toEqual([
      `SESSION_SECRET_FILE ${JSON.stringify(path.join(dir, 'missing'))} cannot be read (ENOENT)`,
      'MATRIX_AS_TOKEN and MATRIX_AS_TOKEN_FILE are both set: choose one',
      expect.stringMatching(/^SESSION_SECRET is missing/),
    ]);
  });

  it('never shows the password of a database URL in a problem', () => {
    const [problem] = problemsOf({ ...valid, DATABASE_URL: 'mysql://workspace:geheim@db:3306/workspace' });
    expect(problem).toContain('DATABASE_URL');
    expect(problem).not.toContain('geheim');
    expect(problem).toContain('mysql://workspace:***@db:3306/workspace');
  });
});
