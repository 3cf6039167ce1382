import { can, type Tenant } from '@arbeitsbereich/contract';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { useSession } from '../../../lib/session/context';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { adminPage } from '../shared/AdminPage';
import { useLoad } from '../../../lib/api/useLoad';
import { usePollWhilePending } from '../shared/usePollWhilePending';
import { ArchiveTenantDialog } from './ArchiveTenantDialog';
import { CreateTenantForm } from './CreateTenantForm';
import { TenantTable } from './TenantTable';

function Tenants({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { refreshAccess } = useSession();
  const load = useCallback((signal: AbortSignal) => api.listTenants(signal), [api]);
  const tenants = useLoad('tenants', load);
  const [archiving, setArchiving] = useState<Tenant | null>(null);
  usePollWhilePending(tenants.data?.tenants.some((tenant) => tenant.sync.state === 'pending') ?? false, tenants.reload);

  const created = (tenant: Tenant) => {
    tenants.update((data) => ({ ...data, tenants: [...data.tenants, tenant] }));
    announce(t('admin.tenants.created', { name: tenant.name }));
    refreshAccess();
  };
  const archived = (tenant: Tenant) => {
    tenants.update((data) => ({
      ...data,
      tenants: data.tenants.map((item) => (item.id === tenant.id ? tenant : item)),
    }));
    setArchiving(null);
    announce(t('admin.tenants.archived', { name: tenant.name }));
    refreshAccess();
  };

  return (
    <>
      {tenants.failure && <FailureAlert failure={tenants.failure} title={t('admin.tenants.loadFailed')} />}
      {!tenants.data && tenants.loading && <Busy message={t('admin.tenants.loading')} />}
      {tenants.data && (
        <>
          <div className="toolbar toolbar--end">
            <button type="button" className="button" onClick={tenants.reload}>
              {t('admin.refresh')}
            </button>
          </div>
          <TenantTable tenants={tenants.data.tenants} busy={tenants.loading} onArchive={setArchiving} />
          {can(tenants.data.abilities, 'tenant.create') && <CreateTenantForm api={api} onCreated={created} />}
        </>
      )}
      <ArchiveTenantDialog api={api} tenant={archiving} onDone={archived} onCancel={() => setArchiving(null)} />
    </>
  );
}

/** Mandanten: every tenant of the installation, its sync state, create and archive. */
export default adminPage('tenants', Tenants);
