import { describe, expect, it } from 'vitest';
import { idleStep, type IdleSettings } from './idle';

const MINUTE = 60_000;
const settings: IdleSettings = { idleMs: 30 * MINUTE, renewEveryMs: MINUTE, warnBeforeMs: 2 * MINUTE };
const T0 = 1_700_000_000_000;

describe('idleStep', () => {
  it('waits while the session is fresh and nobody has touched the page since the renewal', () => {
    expect(idleStep({ interactedAt: T0 - 1, renewedAt: T0, now: T0 + 10 * MINUTE }, settings)).toEqual({
      kind: 'wait',
      endsAt: T0 + 30 * MINUTE,
    });
  });

  it('renews after an interaction, at most once per renewal period', () => {
    expect(idleStep({ interactedAt: T0 + 10, renewedAt: T0, now: T0 + 30_000 }, settings).kind).toBe('wait');
    expect(idleStep({ interactedAt: T0 + 10, renewedAt: T0, now: T0 + MINUTE }, settings).kind).toBe('renew');
  });

  it('warns in the last two minutes when nobody interacted, and ends at the idle time', () => {
    const quiet = { interactedAt: T0 - MINUTE, renewedAt: T0 };
    expect(idleStep({ ...quiet, now: T0 + 28 * MINUTE - 1 }, settings).kind).toBe('wait');
    expect(idleStep({ ...quiet, now: T0 + 28 * MINUTE }, settings)).toEqual({
      kind: 'warn',
      endsAt: T0 + 30 * MINUTE,
    });
    expect(idleStep({ ...quiet, now: T0 + 30 * MINUTE }, settings)).toEqual({ kind: 'ended' });
  });

  it('an interaction during the warning renews instead', () => {
    expect(idleStep({ interactedAt: T0 + 29 * MINUTE, renewedAt: T0, now: T0 + 29 * MINUTE + 1 }, settings).kind).toBe(
      'renew',
    );
  });

  it('keeps the warning within a short idle time', () => {
    const short = { ...settings, idleMs: 2 * MINUTE };
    expect(idleStep({ interactedAt: 0, renewedAt: T0, now: T0 + MINUTE - 1 }, short).kind).toBe('wait');
    expect(idleStep({ interactedAt: 0, renewedAt: T0, now: T0 + MINUTE }, short).kind).toBe('warn');
  });
});
