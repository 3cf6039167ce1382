import { describe, expect, it } from 'vitest';
import { checkedHandlers, failureRecordOf, jobCatalog, jobKinds, type JobPayloads } from './catalog.js';

describe('the outbox job catalog', () => {
  it('names every kind once, each with its spec', () => {
    expect(Object.keys(jobCatalog).sort()).toEqual(Object.values(jobKinds).sort());
  });

  it('hands a handler its typed payload and fails a malformed one for good', async () => {
    const seen: JobPayloads['room.notice'][] = [];
    const handlers = checkedHandlers({
      [jobKinds.roomNotice]: async (payload: JobPayloads['room.notice']) => {
        seen.push(payload);
        await Promise.resolve();
      },
    });
    await handlers[jobKinds.roomNotice]!({ roomId: 'r', body: 'b', txnId: 't', html: 7 });
    expect(seen).toEqual([{ roomId: 'r', body: 'b', txnId: 't' }]);
    const failure: unknown = await handlers[jobKinds.roomNotice]!({ roomId: 'r' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ message: 'job payload lacks roomId, body or txnId', retryable: false });
    expect(seen).toHaveLength(1);
  });

  it('names the record that shows each kind’s failure', () => {
    expect(failureRecordOf({ kind: 'tenant.provision', payload: { tenantId: 't' } })).toEqual({
      type: 'tenant',
      id: 't',
    });
    expect(failureRecordOf({ kind: 'tenant.archive', payload: { tenantId: 't' } })).toEqual({
      type: 'tenant',
      id: 't',
    });
    expect(failureRecordOf({ kind: 'person.invite', payload: { personId: 'p' } })).toBeNull();
    expect(
      failureRecordOf({ kind: 'person.mailNotice', payload: { personId: 'p', kind: 'room.added', roomId: 'r' } }),
    ).toBeNull();
    for (const kind of ['person.provision', 'person.deactivate', 'person.reactivate']) {
      expect(failureRecordOf({ kind, payload: { personId: 'p' } })).toEqual({ type: 'person', id: 'p' });
    }
    expect(failureRecordOf({ kind: 'room.sync', payload: { roomId: 'r' } })).toEqual({ type: 'room', id: 'r' });
    expect(failureRecordOf({ kind: 'person.export', payload: { exportId: 'x' } })).toEqual({ type: 'export', id: 'x' });
    expect(failureRecordOf({ kind: 'person.erase', payload: { erasureId: 'e', personId: 'p' } })).toEqual({
      type: 'person',
      id: 'p',
    });
    expect(failureRecordOf({ kind: 'room.notice', payload: { roomId: 'r', body: 'b', txnId: 't' } })).toBeNull();
    expect(failureRecordOf({ kind: 'library.preview', payload: { versionId: 'v', entryId: 'e' } })).toEqual({
      type: 'version',
      id: 'v',
    });
    expect(
      failureRecordOf({ kind: 'chatDevice.signOut', payload: { matrixUserId: '@a:b', deviceId: 'D' } }),
    ).toBeNull();
    expect(failureRecordOf({ kind: 'unknown', payload: { tenantId: 't' } })).toBeNull();
    expect(failureRecordOf({ kind: 'room.sync', payload: null })).toBeNull();
  });
});
