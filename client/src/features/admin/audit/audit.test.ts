import { type AuditEntry } from '@arbeitsbereich/contract';
import { describe, expect, it } from 'vitest';
import { auditQueryOf, dayBoundary, rangeIsReversed } from './auditFilters';
import { NO_ENTRIES, appendPage, firstPage, hasMore } from './auditPaging';
import { actionPhrase, detailPhrases, targetPhrase } from './auditText';

const entry = (id: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: '2025-03-07T10:00:00.000Z',
  actorId: 'u1',
  actorName: 'Amelie Admin',
  tenantId: 't1',
  action: 'person.create',
  targetType: 'person',
  targetId: 'p1',
  outcome: 'success',
  requestId: null,
  details: {},
  ...extra,
});

describe('audit paging', () => {
  it('starts with the first page and appends the next below it', () => {
    const first = firstPage({ entries: [entry('a'), entry('b')], nextCursor: 'c1' });
    expect(hasMore(first)).toBe(true);
    const both = appendPage(first, { entries: [entry('b'), entry('c')], nextCursor: null });
    expect(both.entries.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(hasMore(both)).toBe(false);
    expect(hasMore(NO_ENTRIES)).toBe(false);
  });
});

describe('audit filters', () => {
  it('sends only the set filters, with whole days in local time', () => {
    const query = auditQueryOf(
      { action: 'person.import', outcome: 'success', from: '2025-03-01', to: '2025-03-07' },
      50,
    );
    expect(query).toEqual({
      action: 'person.import',
      outcome: 'success',
      from: new Date(2025, 2, 1, 0, 0, 0, 0).toISOString(),
      to: new Date(2025, 2, 7, 23, 59, 59, 999).toISOString(),
      limit: 50,
    });
    expect(auditQueryOf({ action: '', outcome: 'maybe', from: '', to: 'soon' }, 20)).toEqual({ limit: 20 });
  });

  it('knows a reversed range and ignores non-dates', () => {
    expect(rangeIsReversed({ action: '', outcome: '', from: '2025-03-08', to: '2025-03-07' })).toBe(true);
    expect(rangeIsReversed({ action: '', outcome: '', from: '2025-03-07', to: '' })).toBe(false);
    expect(dayBoundary('7.3.2025', false)).toBeUndefined();
  });
});

describe('audit wording', () => {
  it('names known actions and keeps unknown ones', () => {
    expect(actionPhrase('person.changeRole')).toEqual({ key: 'admin.audit.actions.person.changeRole' });
    expect(actionPhrase('room.create')).toEqual({
      key: 'admin.audit.actions.other',
      values: { action: 'room.create' },
    });
  });

  it('describes targets and details', () => {
    const change = entry('a', {
      action: 'person.changeRole',
      details: { from: 'member', to: 'guest', username: 'bernd' },
    });
    expect(targetPhrase(change)).toEqual({ key: 'admin.audit.target.person', values: { name: 'bernd' } });
    expect(detailPhrases(change)).toEqual([
      { key: 'admin.audit.details.roleChange', values: { from: 'roles.member', to: 'roles.guest' } },
    ]);
    const imported = entry('b', {
      action: 'person.import',
      targetType: 'tenant',
      details: { rows: 200, created: 197, skipped: 3 },
    });
    expect(detailPhrases(imported)).toEqual([
      { key: 'admin.audit.details.import', values: { rows: '200', created: '197', skipped: '3' } },
    ]);
    expect(detailPhrases(entry('c', { details: { via: 'import', role: 'member' } }))).toEqual([
      { key: 'admin.audit.details.via.import' },
      { key: 'admin.audit.details.role', values: { role: 'roles.member' } },
    ]);
  });
});
