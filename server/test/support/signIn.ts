import type { Actor } from '../../src/domain/actor.js';
import { stackEnv } from './stackEnv.js';
import { rememberTotpSecret, totpCode, totpSecretOf } from './totp.js';

/** A signed-in browser, as far as API calls need it. */
export interface SignedIn {
  /** `ws_session=…` (`__Host-ws_session=…` over HTTPS), for the Cookie header. */
  cookie: string;
  /** For the X-CSRF-Token header of writes. */
  csrfToken: string;
  actor: Actor;
  /** The workspace this session belongs to. */
  baseUrl: string;
  /** The workspace's public origin, sent as Origin on writes. */
  origin: string;
  /** The Set-Cookie header of the callback that created the session. */
  setCookie: string;
}

export interface SignInOptions {
  /** A session cookie value the browser holds before signing in (e.g. one planted by an attacker). */
  sessionCookie?: string;
  /**
   * The PUBLIC_URL the identity provider redirects back to, when it is not
   * `baseUrl`: a backend under test on another port with the stack's
   * registered redirect URI gets the callback in its place.
   */
  publicUrl?: string;
  /**
   * Stop at the identity provider's page asking for the one-time code (the second factor) and
   * keep the session the workspace made before it asked: one without the second factor.
   */
  withoutSecondFactor?: boolean;
  /** Told every URL the browser is sent to on the way (the identity provider's, the callback with code and state). */
  onRedirect?: (url: string) => void;
  /**
   * The new password, when the identity provider asks for one (the update-password action); the
   * page's other fields, "sign out other devices" among them, are sent as the page has them.
   */
  newPassword?: string;
}

interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

/** Just enough of a browser's cookie store: per host (not port, like browsers) and path. */
export class CookieJar {
  readonly #cookies: StoredCookie[] = [];

  store(url: string, response: Response): void {
    const { hostname, pathname } = new URL(url);
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const index = pair.indexOf('=');
      if (index <= 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      let path = pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', attributeValue = ''] = attribute.split('=').map((part) => part.trim());
        if (key.toLowerCase() === 'path' && attributeValue.startsWith('/')) path = attributeValue;
        if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) expired = true;
        if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
      }
      const existing = this.#cookies.findIndex((c) => c.name === name && c.host === hostname && c.path === path);
      if (existing !== -1) this.#cookies.splice(existing, 1);
      if (!expired) this.#cookies.push({ name, value, host: hostname, path });
    }
  }

  header(url: string): string {
    const { hostname, pathname } = new URL(url);
    return this.#cookies
      .filter(
        (c) =>
          c.host === hostname &&
          (pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  set(url: string, name: string, value: string): void {
    this.#cookies.push({ name, value, host: new URL(url).hostname, path: '/' });
  }

  get(name: string): string | undefined {
    return this.#cookies.find((c) => c.name === name)?.value;
  }
}

function decodeHtml(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** The login form of a Keycloak page: its action and hidden fields, and which inputs it asks for. */
export function parseLoginForm(
  html: string,
): { action: string; fields: Record<string, string>; inputs: Set<string> } | undefined {
  const form =
    /<form\b[^>]*\bid="kc-form-login"[^>]*>([\s\S]*?)<\/form>/.exec(html) ??
    /<form\b[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (form === null) return undefined;
  const action = /\baction="([^"]+)"/.exec(form[0]);
  if (action === null) return undefined;
  const fields: Record<string, string> = {};
  const inputs = new Set<string>();
  for (const input of form[1]!.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(input[0])?.[1];
    if (name === undefined) continue;
    inputs.add(name);
    if (/\btype="hidden"/.test(input[0])) fields[name] = decodeHtml(/\bvalue="([^"]*)"/.exec(input[0])?.[1] ?? '');
    // A ticked box is sent as the browser sends it ("on" without a value), an unticked one not at all.
    if (/\btype="checkbox"/.test(input[0]) && /\schecked\b/.test(input[0])) {
      fields[name] = decodeHtml(/\bvalue="([^"]*)"/.exec(input[0])?.[1] ?? 'on');
    }
  }
  return { action: decodeHtml(action[1]!), fields, inputs };
}

/**
 * Fills in a Keycloak login form (the username, the password, or both, as it asks; the one-time
 * code from the person's known secret; or, when they set up their authenticator, the code for the
 * secret the page offers, which is remembered) and sends it.
 */
export async function submitLoginForm(
  jar: CookieJar,
  pageUrl: string,
  form: NonNullable<ReturnType<typeof parseLoginForm>>,
  username: string,
  password: string,
  newPassword?: string,
): Promise<{ url: string; response: Response }> {
  const body = new URLSearchParams(form.fields);
  if (form.inputs.has('password-new')) {
    if (newPassword === undefined) throw new Error(`Keycloak asks ${username} for a new password, and none is given`);
    body.set('password-new', newPassword);
    body.set('password-confirm', newPassword);
  }
  if (form.inputs.has('username')) body.set('username', username);
  if (form.inputs.has('password')) body.set('password', password);
  if (form.inputs.has('otp')) {
    const secret = totpSecretOf(username);
    if (secret === undefined)
      throw new Error(`Keycloak asks ${username} for a one-time code, and its secret is unknown`);
    body.set('otp', totpCode(secret));
  }
  const offered = form.fields.totpSecret;
  if (form.inputs.has('totp') && offered !== undefined) {
    body.set('totp', totpCode(offered));
    body.set('userLabel', 'Test');
    rememberTotpSecret(username, offered);
  }
  const url = new URL(form.action, pageUrl).href;
  const response = await request(jar, url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  return { url, response };
}

/** Keycloak's message on a login page (wrong password, disabled account, …). */
export function pageMessage(html: string): string {
  const match =
    /<span\b[^>]*\bid="input-error(?:-[a-z]+)?"[^>]*>([\s\S]*?)<\/span>/.exec(html) ??
    /class="[^"]*(?:kc-feedback-text|pf-v5-c-alert__title)[^"]*"[^>]*>([\s\S]*?)<\//.exec(html);
  return match ? decodeHtml(match[1]!.replace(/<[^>]+>/g, '')).trim() : 'no message';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One request without following redirects. The workspace's rate limit on
 * sign-in (429) is waited out, honouring Retry-After, so many tests can sign in.
 */
export async function request(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const headers = new Headers(init.headers);
    const cookie = jar.header(url);
    if (cookie !== '') headers.set('Cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.store(url, response);
    if (response.status !== 429 || attempt >= 3) return response;
    await response.body?.cancel();
    await sleep(Math.min(65, Number(response.headers.get('retry-after') ?? '5')) * 1000);
  }
}

/**
 * Signs in to the workspace the way a browser does: GET /auth/login, the
 * identity provider's login page(s) (Keycloak asks for the username first when
 * organizations are on, then the password), the redirect back to
 * /auth/callback, and GET /api/session for the CSRF token and the actor.
 */
export async function signIn(
  username: string,
  password: string,
  baseUrl?: string,
  options: SignInOptions = {},
): Promise<SignedIn> {
  const base = (baseUrl ?? process.env.WORKSPACE_URL ?? stackEnv('PUBLIC_URL')).replace(/\/+$/, '');
  const publicUrl = options.publicUrl?.replace(/\/+$/, '');
  const jar = new CookieJar();
  if (options.sessionCookie !== undefined) jar.set(base, 'ws_session', options.sessionCookie);
  let url = `${base}/auth/login?returnTo=/`;
  let response = await request(jar, url);
  let sentPassword = false;
  let setCookie = '';
  let sentCode = false;

  for (let step = 0; step < 20; step += 1) {
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (location === null) throw new Error(`redirect without Location from ${url}`);
      await response.body?.cancel();
      let next = new URL(location, url).href;
      if (publicUrl !== undefined && next.startsWith(`${publicUrl}/`)) next = `${base}${next.slice(publicUrl.length)}`;
      options.onRedirect?.(next);
      // Back home after the callback: signed in. (A callback may also send the browser on to the
      // identity provider, to ask for the second factor.)
      if (url.startsWith(`${base}/auth/callback`)) {
        setCookie =
          response.headers.getSetCookie().find((header) => /^(__Host-)?ws_session=/.test(header)) ?? setCookie;
        if (next.startsWith(base) && new URL(next).searchParams.has('signin')) {
          throw new Error(`sign-in of ${username} ended at ${next}`);
        }
        if (next.startsWith(base)) break;
      }
      url = next;
      response = await request(jar, url);
      continue;
    }
    if (response.status !== 200) {
      throw new Error(
        `sign-in of ${username}: ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
      );
    }
    const html = await response.text();
    const form = parseLoginForm(html);
    const asks = ['username', 'password', 'otp', 'totp', 'password-new'].filter((name) => form?.inputs.has(name));
    if (form === undefined || asks.length === 0) {
      throw new Error(`sign-in of ${username}: no login form at ${url}: ${pageMessage(html)}`);
    }
    if ((sentPassword && form.inputs.has('password')) || (sentCode && asks.some((n) => n === 'otp' || n === 'totp'))) {
      // Asked for the password or the code again: it was refused.
      throw new Error(`sign-in of ${username} refused: ${pageMessage(html)}`);
    }
    if (options.withoutSecondFactor === true && (form.inputs.has('otp') || form.inputs.has('totp'))) break;
    sentPassword ||= form.inputs.has('password');
    sentCode ||= form.inputs.has('otp') || form.inputs.has('totp');
    ({ url, response } = await submitLoginForm(jar, url, form, username, password, options.newPassword));
  }

  // Over HTTPS the cookie carries the __Host- prefix.
  const cookieName = (publicUrl ?? base).startsWith('https:') ? '__Host-ws_session' : 'ws_session';
  const value = jar.get(cookieName);
  if (value === undefined) throw new Error(`sign-in of ${username}: the workspace set no session cookie`);
  const cookie = `${cookieName}=${value}`;
  const session = await fetch(`${base}/api/session`, { headers: { Cookie: cookie } });
  const state = (await session.json()) as { authenticated: boolean; actor?: Actor; csrfToken?: string };
  if (!state.authenticated || state.actor === undefined || state.csrfToken === undefined) {
    throw new Error(`sign-in of ${username}: /api/session says not signed in`);
  }
  return {
    cookie,
    csrfToken: state.csrfToken,
    actor: state.actor,
    baseUrl: base,
    origin: new URL(publicUrl ?? base).origin,
    setCookie,
  };
}

/**
 * Signs in a demo user with the stack's demo password. On the stack's own
 * workspace every demo user is a person of the demo tenant, and a sign-in is
 * matched to its person only once provisioning has linked the two: right
 * after the stack starts this waits (up to a minute) for that link.
 */
export async function signInDemo(username: string, baseUrl?: string, options?: SignInOptions): Promise<SignedIn> {
  for (let attempt = 0; ; attempt += 1) {
    const session = await signIn(username, stackEnv('DEMO_PASSWORD'), baseUrl, options);
    if (baseUrl !== undefined || session.actor.tenantId !== null || attempt >= 60) return session;
    await sleep(1000);
  }
}

/**
 * A request as the signed-in browser's client would send it: the session
 * cookie, and for writes the CSRF token and our own Origin.
 */
export function fetchAs(session: SignedIn, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Cookie', session.cookie);
  const method = (init.method ?? 'GET').toUpperCase();
  if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) {
    if (!headers.has('X-CSRF-Token')) headers.set('X-CSRF-Token', session.csrfToken);
    if (!headers.has('Origin')) headers.set('Origin', session.origin);
  }
  if (init.body !== undefined && typeof init.body === 'string' && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  return fetch(`${session.baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
}

/**
 * Keycloak's admin API as the bootstrap admin of the master realm, for tests
 * that act on the identity provider the way an operator would.
 */
export class KeycloakTestAdmin {
  readonly #baseUrl = stackEnv('KEYCLOAK_URL');
  readonly #realm = process.env.KEYCLOAK_REALM ?? 'workspace';
  #token: { value: string; until: number } | undefined;

  async #accessToken(): Promise<string> {
    if (this.#token !== undefined && Date.now() < this.#token.until) return this.#token.value;
    const response = await fetch(`${this.#baseUrl}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'admin-cli',
        username: stackEnv('KEYCLOAK_ADMIN_USERNAME'),
        password: stackEnv('KEYCLOAK_ADMIN_PASSWORD'),
      }).toString(),
    });
    if (!response.ok) throw new Error(`admin token: HTTP ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    this.#token = { value: body.access_token, until: Date.now() + (body.expires_in - 10) * 1000 };
    return body.access_token;
  }

  /** One admin API call below /admin/realms/{realm}; returns the parsed JSON body, if any. */
  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.#baseUrl}/admin/realms/${this.#realm}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await this.#accessToken()}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }

  async userId(username: string): Promise<string> {
    const users = (await this.call('GET', `/users?exact=true&username=${encodeURIComponent(username)}`)) as {
      id: string;
    }[];
    if (users[0] === undefined) throw new Error(`no Keycloak user ${username}`);
    return users[0].id;
  }

  async sessions(userId: string): Promise<{ id: string }[]> {
    return (await this.call('GET', `/users/${userId}/sessions`)) as { id: string }[];
  }

  /** Ends one Keycloak session, as "Sign out" on a session in the admin console does. */
  async endSession(sessionId: string): Promise<void> {
    await this.call('DELETE', `/sessions/${sessionId}`);
  }

  async setEnabled(userId: string, enabled: boolean): Promise<void> {
    await this.call('PUT', `/users/${userId}`, { enabled });
  }
}
