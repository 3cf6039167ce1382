import { afterEach, describe, expect, it, vi } from 'vitest';
import { completeChatLogin, expectedUserId, parseCredentials, ssoRedirectUrl } from './ssoLogin';

const server = {
  homeserverUrl: 'https://matrix.amt.example/',
  serverName: 'amt.example',
  identityProviderId: 'oidc-keycloak',
  serviceUserId: '@workspace-bot:amt.example',
};

describe('chat sign-on', () => {
  it('sends the browser to the homeserver’s Keycloak login and back to our own page', () => {
    const url = new URL(ssoRedirectUrl(server, 'https://arbeit.amt.example/'));
    expect(url.origin + url.pathname).toBe(
      'https://matrix.amt.example/_matrix/client/v3/login/sso/redirect/oidc-keycloak',
    );
    expect(url.searchParams.get('redirectUrl')).toBe('https://arbeit.amt.example/chat/anmeldung');
  });

  it('escapes an identity provider id that needs it', () => {
    const url = ssoRedirectUrl({ ...server, identityProviderId: 'oidc-a b' }, 'http://localhost:3000');
    expect(url).toContain('/redirect/oidc-a%20b?');
  });

  it('expects the Matrix account Synapse maps the Keycloak username to', () => {
    expect(expectedUserId('Bernd.Beispiel', 'amt.example')).toBe('@bernd.beispiel:amt.example');
  });

  it.each([
    ['not JSON', '{'],
    ['missing token', JSON.stringify({ homeserverUrl: 'h', userId: 'u', deviceId: 'd' })],
    ['wrong type', JSON.stringify({ homeserverUrl: 'h', userId: 'u', deviceId: 'd', accessToken: 1 })],
  ])('treats a damaged stored device (%s) as none', (_what, raw) => {
    expect(parseCredentials(raw)).toBeUndefined();
  });

  it('reads a stored device', () => {
    const device = { homeserverUrl: 'h', userId: '@a:b', deviceId: 'D', accessToken: 't' };
    expect(parseCredentials(JSON.stringify({ ...device, extra: 1 }))).toEqual(device);
    expect(parseCredentials(null)).toBeUndefined();
  });

  it('reads a stored device with its refresh token and expiry', () => {
    const device = {
      homeserverUrl: 'h',
      userId: '@a:b',
      deviceId: 'D',
      accessToken: 't',
      refreshToken: 'r',
      expiresAt: 1_800_000_000_000,
    };
    expect(parseCredentials(JSON.stringify(device))).toEqual(device);
  });

  describe('login', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('asks for a refresh token and keeps when the access token expires', async () => {
      vi.stubGlobal('sessionStorage', { removeItem: () => undefined });
      let sent: unknown;
      const fetchFn: typeof fetch = (_input, init) => {
        sent = JSON.parse(String(init?.body));
        return Promise.resolve(
          Response.json({
            user_id: '@bernd:amt.example',
            device_id: 'NEWDEV',
            access_token: 'access',
            refresh_token: 'refresh',
            expires_in_ms: 300_000,
          }),
        );
      };
      const device = await completeChatLogin(server, 'login-token', 'Browser', fetchFn, () => 1_000);
      expect(sent).toMatchObject({ type: 'm.login.token', token: 'login-token', refresh_token: true });
      expect(device).toEqual({
        homeserverUrl: server.homeserverUrl,
        userId: '@bernd:amt.example',
        deviceId: 'NEWDEV',
        accessToken: 'access',
        refreshToken: 'refresh',
        expiresAt: 301_000,
      });
    });
  });
});
