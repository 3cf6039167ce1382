import { describe, expect, it } from 'vitest';
import { retryHint } from '../../domain/outbox.js';
import { JitsiControl } from './jitsiControl.js';

describe('Jitsi’s control of running meetings', () => {
  it('says it cannot remove a participant or end a meeting, and that repeating cannot help', async () => {
    const control = new JitsiControl();
    for (const attempt of [control.remove(), control.end()]) {
      const error: unknown = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^Jitsi Meet cannot (remove a participant|end a running meeting)/);
      expect(retryHint(error)).toEqual({ retryable: false });
    }
  });
});
