import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { IdentityChangeFeed, IdentityUserChange } from '../domain/ports/identity.js';
import { IdentityEventsWatcher } from './identityEventsWatcher.js';

/** A provider's change log in memory; calls are recorded. */
class FakeFeed implements IdentityChangeFeed {
  changes: IdentityUserChange[] = [];
  enabled = new Map<string, boolean>();
  ended: string[] = [];
  down = false;
  reads = 0;

  userChangesSince(since: number, max: number): Promise<IdentityUserChange[]> {
    this.reads += 1;
    if (this.down) return Promise.reject(Object.assign(new Error('connection refused'), { retryable: true }));
    return Promise.resolve(
      this.changes
        .filter((c) => c.time >= since)
        .sort((a, b) => a.time - b.time)
        .slice(0, max),
    );
  }

  isUserEnabled(userId: string): Promise<boolean | undefined> {
    if (this.down) return Promise.reject(Object.assign(new Error('connection refused'), { retryable: true }));
    return Promise.resolve(this.enabled.get(userId));
  }

  endUserSessions(userId: string): Promise<void> {
    if (this.down) return Promise.reject(Object.assign(new Error('connection refused'), { retryable: true }));
    this.ended.push(userId);
    return Promise.resolve();
  }
}

const T0 = 1_800_000_000_000;

function setup(options: { pageSize?: number } = {}) {
  const feed = new FakeFeed();
  const signedOut: string[] = [];
  let clock = T0;
  const watcher = new IdentityEventsWatcher({
    feed,
    logger: pino({ level: 'silent' }),
    pollMs: 1500,
    now: () => clock,
    onUserSignedOut: (userId, reason) => {
      signedOut.push(`${reason}:${userId}`);
      return Promise.resolve();
    },
    ...options,
  });
  return { feed, signedOut, watcher, tick: (ms = 1500) => ((clock += ms), watcher.tick()) };
}

const disable = (id: string, userId: string, time: number): IdentityUserChange => ({
  id,
  time,
  userId,
  kind: 'updated',
  enabled: false,
});

describe('IdentityEventsWatcher', () => {
  it('ends the sessions of a user disabled in the provider, once', async () => {
    const { feed, signedOut, tick } = setup();
    feed.enabled.set('u1', false);
    feed.changes.push(disable('e1', 'u1', T0 + 1000));
    feed.changes.push({ id: 'e2', time: T0 + 1100, userId: 'u2', kind: 'updated', enabled: true });
    await tick();
    expect(feed.ended).toEqual(['u1']);
    expect(signedOut).toEqual(['disabled:u1']);
    await tick();
    await tick();
    expect(feed.ended).toEqual(['u1']);
  });

  it('does not sign out a user who was enabled again since', async () => {
    const { feed, tick } = setup();
    feed.enabled.set('u1', true);
    feed.changes.push(disable('e1', 'u1', T0 + 1000));
    await tick();
    expect(feed.ended).toEqual([]);
  });

  it('ends the local sessions of a deleted user', async () => {
    const { feed, signedOut, tick } = setup();
    feed.changes.push({ id: 'e1', time: T0 + 1000, userId: 'u9', kind: 'deleted' });
    await tick();
    expect(feed.ended).toEqual([]);
    expect(signedOut).toEqual(['deleted:u9']);
  });

  it('looks back at changes from shortly before it started, and not further', async () => {
    const { feed, tick } = setup();
    feed.enabled.set('old', false);
    feed.enabled.set('recent', false);
    feed.changes.push(disable('e-old', 'old', T0 - 60 * 60_000));
    feed.changes.push(disable('e-recent', 'recent', T0 - 5 * 60_000));
    await tick();
    expect(feed.ended).toEqual(['recent']);
  });

  it('survives the provider being down and handles what happened meanwhile afterwards', async () => {
    const { feed, tick } = setup();
    feed.enabled.set('u1', false);
    feed.down = true;
    feed.changes.push(disable('e1', 'u1', T0 + 1000));
    await tick();
    await tick();
    expect(feed.ended).toEqual([]);
    feed.down = false;
    await tick();
    expect(feed.ended).toEqual(['u1']);
  });

  it('sees a change that becomes visible late with an older time', async () => {
    const { feed, tick } = setup();
    feed.enabled.set('a', false);
    feed.enabled.set('b', false);
    feed.changes.push(disable('e2', 'a', T0 + 2000));
    await tick();
    feed.changes.push(disable('e1', 'b', T0 + 1990));
    await tick();
    expect(feed.ended).toEqual(['a', 'b']);
  });

  it('pages through more changes than one request returns', async () => {
    const { feed, tick } = setup({ pageSize: 3 });
    for (let i = 0; i < 8; i += 1) {
      feed.enabled.set(`u${i}`, false);
      feed.changes.push(disable(`e${i}`, `u${i}`, T0 + 1000 + i));
    }
    await tick();
    expect(feed.ended).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']);
  });
});
