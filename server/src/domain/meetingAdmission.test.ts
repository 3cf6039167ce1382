import { describe, expect, it } from 'vitest';
import { admissionLimits, admissionStateAt, type MeetingAdmission } from './meeting.js';

const at = 1_800_000_000_000;
const request = (changes: Partial<MeetingAdmission> = {}): MeetingAdmission => ({
  id: 'a1',
  tenantId: 't1',
  roomId: 'r1',
  linkId: 'l1',
  personId: null,
  displayName: 'Weber (Gast)',
  state: 'waiting',
  createdAt: at,
  seenAt: at,
  decidedAt: null,
  decidedBy: null,
  ...changes,
});

describe('a link guest’s request in the waiting room', () => {
  it('waits for a moderator while the guest keeps asking, until the waiting time is up, then lapses', () => {
    const end = at + admissionLimits.waitingMs;
    expect(admissionStateAt(request(), at)).toBe('waiting');
    expect(admissionStateAt(request({ seenAt: end }), end)).toBe('waiting');
    expect(admissionStateAt(request({ seenAt: end }), end + 1)).toBe('lapsed');
  });

  it('lapses when the guest stopped asking (closed the page)', () => {
    expect(admissionStateAt(request(), at + admissionLimits.unseenMs)).toBe('waiting');
    expect(admissionStateAt(request(), at + admissionLimits.unseenMs + 1)).toBe('lapsed');
  });

  it('lets an admitted guest back in for a while from the admission on, not from the request', () => {
    const admitted = request({ state: 'admitted', decidedAt: at + admissionLimits.waitingMs, decidedBy: 'p1' });
    expect(admissionStateAt(admitted, at + admissionLimits.waitingMs + admissionLimits.admittedMs)).toBe('admitted');
    expect(admissionStateAt(admitted, at + admissionLimits.waitingMs + admissionLimits.admittedMs + 1)).toBe('lapsed');
  });

  it('stays declined', () => {
    const declined = request({ state: 'declined', decidedAt: at + 1000, decidedBy: 'p1' });
    expect(admissionStateAt(declined, at + 10 * admissionLimits.admittedMs)).toBe('declined');
  });
});
