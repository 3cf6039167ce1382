import { describe, expect, it } from 'vitest';
import type { ChatCredentials } from './chatSession';
import { ChatTokenKeeper, ChatTokensRefused, type ChatTokenKeeperDeps, type ChatTokenStore } from './chatTokens';

const NOW = 1_800_000_000_000;

const device: ChatCredentials = {
  homeserverUrl: 'https://matrix.amt.example/',
  userId: '@bernd:amt.example',
  deviceId: 'DEV1',
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  expiresAt: NOW + 5 * 60_000,
};

interface Call {
  url: string;
  authorization: string | null;
  body: unknown;
}

/** A homeserver that rotates tokens on /refresh and answers everything else with `answer`. */
function homeserver(answer: (call: Call) => Response = () => Response.json({ ok: true })) {
  const calls: Call[] = [];
  let issued = 1;
  const fetchFn: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const call: Call = {
      url,
      authorization: new Headers(init?.headers).get('Authorization'),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    if (url.endsWith('/_matrix/client/v3/refresh')) {
      issued += 1;
      return Promise.resolve(
        Response.json({ access_token: `access-${issued}`, refresh_token: `refresh-${issued}`, expires_in_ms: 300_000 }),
      );
    }
    return Promise.resolve(answer(call));
  };
  return { calls, fetchFn, refreshes: () => calls.filter((c) => c.url.endsWith('/refresh')) };
}

function memoryStore(initial: ChatCredentials | undefined = device) {
  const saved: ChatCredentials[] = [];
  let current = initial;
  const store: ChatTokenStore = {
    load: () => current,
    save: (next) => {
      saved.push(next);
      current = next;
    },
  };
  return { store, saved, replace: (next: ChatCredentials) => (current = next) };
}

const direct = <T>(work: () => Promise<T>) => work();

/** A keeper of `kept` (default: the refreshable device) at a fixed time, refreshing without a lock. */
function keeperOf(
  fetchFn: typeof fetch,
  now: number,
  {
    kept = device,
    store = memoryStore(kept).store,
    onRefreshed,
  }: Partial<ChatTokenKeeperDeps> & { kept?: ChatCredentials } = {},
): ChatTokenKeeper {
  return new ChatTokenKeeper(kept, {
    store,
    fetchFn,
    now: () => now,
    exclusive: direct,
    ...(onRefreshed ? { onRefreshed } : {}),
  });
}

describe('chat token refresh', () => {
  it('uses the access token as long as it lives more than a minute', async () => {
    const hs = homeserver();
    const keeper = keeperOf(hs.fetchFn, NOW + 3 * 60_000);
    expect(await keeper.fresh()).toBe('access-1');
    expect(hs.calls).toEqual([]);
  });

  it('refreshes an access token about to expire, spends the refresh token once and stores the rotated pair', async () => {
    const hs = homeserver();
    const { store, saved } = memoryStore();
    const refreshed: string[] = [];
    const now = NOW + 4.5 * 60_000;
    const keeper = keeperOf(hs.fetchFn, now, { store, onRefreshed: (d) => void refreshed.push(d.accessToken) });
    // Three requests at once: one refresh for all of them.
    expect(await Promise.all([keeper.fresh(), keeper.fresh(), keeper.fresh()])).toEqual([
      'access-2',
      'access-2',
      'access-2',
    ]);
    expect(hs.refreshes()).toEqual([
      {
        url: 'https://matrix.amt.example/_matrix/client/v3/refresh',
        authorization: null,
        body: { refresh_token: 'refresh-1' },
      },
    ]);
    expect(saved).toEqual([
      { ...device, accessToken: 'access-2', refreshToken: 'refresh-2', expiresAt: now + 300_000 },
    ]);
    expect(refreshed).toEqual(['access-2']);
    expect(keeper.device.refreshToken).toBe('refresh-2');
  });

  it('takes the tokens another tab refreshed from the store instead of spending the refresh token again', async () => {
    const hs = homeserver();
    const memory = memoryStore();
    const keeper = keeperOf(hs.fetchFn, NOW + 4.5 * 60_000, { store: memory.store });
    memory.replace({
      ...device,
      accessToken: 'access-other-tab',
      refreshToken: 'refresh-other-tab',
      expiresAt: NOW + 9 * 60_000,
    });
    expect(await keeper.fresh()).toBe('access-other-tab');
    expect(hs.refreshes()).toEqual([]);
    expect(memory.saved).toEqual([]);
  });

  it('sends each request with the current token and repeats one refused for an expired token once', async () => {
    let expired = true;
    const hs = homeserver((call) => {
      if (call.authorization === 'Bearer access-1' && expired) {
        expired = false;
        return Response.json({ errcode: 'M_UNKNOWN_TOKEN', soft_logout: true }, { status: 401 });
      }
      return Response.json({ user_id: device.userId });
    });
    const keeper = keeperOf(hs.fetchFn, NOW);
    // The client still holds an older token; the keeper sends its own.
    const response = await keeper.fetch('https://matrix.amt.example/_matrix/client/v3/account/whoami', {
      headers: { Authorization: 'Bearer stale-in-the-client' },
    });
    expect(response.status).toBe(200);
    expect(hs.calls.map((c) => [c.url.replace(/^.*\/v3\//, ''), c.authorization])).toEqual([
      ['account/whoami', 'Bearer access-1'],
      ['refresh', null],
      ['account/whoami', 'Bearer access-2'],
    ]);
  });

  it('passes a logged-out device’s refusal through without refreshing', async () => {
    const hs = homeserver(() => Response.json({ errcode: 'M_UNKNOWN_TOKEN', soft_logout: false }, { status: 401 }));
    const keeper = keeperOf(hs.fetchFn, NOW);
    const response = await keeper.fetch('https://matrix.amt.example/_matrix/client/v3/sync', {
      headers: { Authorization: 'Bearer access-1' },
    });
    expect(response.status).toBe(401);
    expect(hs.refreshes()).toEqual([]);
  });

  it('reports a refused refresh token as such', async () => {
    const refused: typeof fetch = () => Promise.resolve(Response.json({ errcode: 'M_FORBIDDEN' }, { status: 403 }));
    const keeper = keeperOf(refused, NOW + 10 * 60_000);
    await expect(keeper.fresh()).rejects.toBeInstanceOf(ChatTokensRefused);
  });

  it('keeps using the token of a device stored before tokens expired, and never refreshes it', async () => {
    const hs = homeserver(() => Response.json({ errcode: 'M_UNKNOWN_TOKEN', soft_logout: true }, { status: 401 }));
    const legacy: ChatCredentials = {
      homeserverUrl: device.homeserverUrl,
      userId: device.userId,
      deviceId: 'OLD',
      accessToken: 'forever',
    };
    const keeper = keeperOf(hs.fetchFn, NOW + 1_000 * 60_000, { kept: legacy });
    expect(await keeper.fresh()).toBe('forever');
    const response = await keeper.fetch('https://matrix.amt.example/_matrix/client/v3/sync', {
      headers: { Authorization: 'Bearer forever' },
    });
    expect(response.status).toBe(401);
    expect(hs.refreshes()).toEqual([]);
  });
});
