import { CookieJar, pageMessage, parseLoginForm, request, submitLoginForm } from './signIn.js';
import { stackEnv } from './stackEnv.js';

/** Where a chat sign-in through Keycloak ended: in an account, or refused by the homeserver. */
export type ChatSignIn = { userId: string } | { refused: string };

/** A new chat device from a sign-in, as POST /login answered. */
export interface ChatDeviceLogin {
  userId: string;
  deviceId: string;
  accessToken: string;
  /** Only when the login asked for one. */
  refreshToken?: string;
  /** How long the access token lives, when it expires. */
  expiresInMs?: number;
}

/**
 * Signs in to the homeserver the way the web chat does: Synapse's SSO redirect
 * to Keycloak, the login form, the way back to Synapse's callback, Synapse's
 * redirect to the workspace with a login token, and POST /login with it.
 */
export async function chatSignIn(username: string, password: string): Promise<ChatSignIn> {
  const login = await chatSsoLogin(username, password, {});
  return 'refused' in login ? login : { userId: login.userId };
}

/** The same sign-in, as the web chat makes it: asking for a refresh token (ADR 0029); throws when refused. */
export async function chatDeviceLogin(username: string, password: string): Promise<ChatDeviceLogin> {
  const login = await chatSsoLogin(username, password, { refresh_token: true });
  if ('refused' in login) throw new Error(`chat sign-in of ${username} refused: ${login.refused}`);
  return login;
}

async function chatSsoLogin(
  username: string,
  password: string,
  loginFields: Record<string, unknown>,
): Promise<ChatDeviceLogin | { refused: string }> {
  const homeserver = stackEnv('MATRIX_HOMESERVER_URL').replace(/\/+$/, '');
  const publicUrl = stackEnv('PUBLIC_URL').replace(/\/+$/, '');
  const idp = process.env.MATRIX_SSO_IDP_ID ?? 'oidc-keycloak';
  const jar = new CookieJar();
  let url = `${homeserver}/_matrix/client/v3/login/sso/redirect/${idp}?redirectUrl=${encodeURIComponent(`${publicUrl}/`)}`;
  let response = await request(jar, url);
  let sentPassword = false;
  for (let step = 0; step < 20; step += 1) {
    if (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get('location') ?? '', url).href;
      await response.body?.cancel();
      if (location.startsWith(`${publicUrl}/`)) {
        const loginToken = new URL(location).searchParams.get('loginToken');
        if (loginToken === null) return { refused: `back at the workspace without a login token: ${location}` };
        const login = await fetch(`${homeserver}/_matrix/client/v3/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            type: 'm.login.token',
            token: loginToken,
            initial_device_display_name: 'test',
            ...loginFields,
          }),
        });
        const body = (await login.json()) as {
          user_id?: string;
          device_id?: string;
          access_token?: string;
          refresh_token?: string;
          expires_in_ms?: number;
          error?: string;
        };
        if (body.user_id === undefined || body.device_id === undefined || body.access_token === undefined) {
          return { refused: `POST /login: ${body.error}` };
        }
        return {
          userId: body.user_id,
          deviceId: body.device_id,
          accessToken: body.access_token,
          ...(body.refresh_token === undefined ? {} : { refreshToken: body.refresh_token }),
          ...(body.expires_in_ms === undefined ? {} : { expiresInMs: body.expires_in_ms }),
        };
      }
      url = location;
      response = await request(jar, url);
      continue;
    }
    const html = await response.text();
    const form = url.startsWith(homeserver) ? undefined : parseLoginForm(html);
    if (form === undefined || !(form.inputs.has('username') || form.inputs.has('password'))) {
      // Synapse's own error page (or anything that is not a login form) ends the attempt.
      return {
        refused: `${response.status} at ${new URL(url).pathname}: ${html
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 300)}`,
      };
    }
    if (sentPassword && form.inputs.has('password'))
      throw new Error(`Keycloak refused ${username}: ${pageMessage(html)}`);
    sentPassword ||= form.inputs.has('password');
    ({ url, response } = await submitLoginForm(jar, url, form, username, password));
  }
  throw new Error(`chat sign-in of ${username} did not end`);
}
