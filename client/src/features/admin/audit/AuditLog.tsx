import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditScope } from '../../../lib/api/audit';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';
import { type AuditFilterValues, NO_FILTER, auditQueryOf } from './auditFilters';
import { type AuditPaging, NO_ENTRIES, appendPage, firstPage, hasMore } from './auditPaging';

const PAGE_SIZE = 50;

interface Props {
  api: ApiClient;
  scope: AuditScope;
  scopeName: string;
}

export function AuditLog({ api, scope, scopeName }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [filter, setFilter] = useState<AuditFilterValues>(NO_FILTER);
  const [paging, setPaging] = useState<AuditPaging>(NO_ENTRIES);
  const [loading, setLoading] = useState<'first' | 'more' | undefined>('first');
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const [round, setRound] = useState(0);
  const current = useRef<AbortController | null>(null);

  useEffect(() => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setLoading('first');
    setFailure(undefined);
    api.readAudit(scope, auditQueryOf(filter, PAGE_SIZE), controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setPaging(firstPage(page));
        setLoaded(true);
        setLoading(undefined);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFailure(toApiFailure(error));
        setLoading(undefined);
      },
    );
    return () => controller.abort();
    // The parent gives each scope its own AuditLog, so `scope` does not change here.
  }, [api, filter, round]);

  const loadMore = useCallback(() => {
    if (!paging.nextCursor || loading) return;
    const controller = new AbortController();
    current.current = controller;
    setLoading('more');
    setFailure(undefined);
    api.readAudit(scope, { ...auditQueryOf(filter, PAGE_SIZE), cursor: paging.nextCursor }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setPaging((previous) => appendPage(previous, page));
        setLoading(undefined);
        announce(t('admin.audit.moreLoaded', { count: page.entries.length }));
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFailure(toApiFailure(error));
        setLoading(undefined);
      },
    );
  }, [api, scope, filter, paging.nextCursor, loading, announce, t]);

  return (
    <>
      <AuditFilterForm
        onApply={(values) => {
          setFilter(values);
          setRound((value) => value + 1);
        }}
      />
      {failure && <FailureAlert failure={failure} title={t('admin.audit.loadFailed')} />}
      {!loaded && loading === 'first' && <Busy message={t('admin.audit.loading')} />}
      {loaded && (
        <AuditTable
          entries={paging.entries}
          scopeName={scopeName}
          busy={loading !== undefined}
          filtered={Object.values(filter).some((value) => value !== '')}
        />
      )}
      {loaded && hasMore(paging) && (
        <div className="form__actions">
          <button type="button" className="button" onClick={loadMore} aria-disabled={loading !== undefined}>
            {loading === 'more' ? t('admin.audit.loadingMore') : t('admin.audit.more')}
          </button>
        </div>
      )}
    </>
  );
}
