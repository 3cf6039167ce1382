import { can, type Tenant } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/i18n/format';
import { SyncState } from '../shared/SyncState';
import { Table } from '../../../lib/ui/Table';

interface Props {
  tenants: Tenant[];
  busy: boolean;
  onArchive: (tenant: Tenant) => void;
}

export function TenantTable({ tenants, busy, onArchive }: Props) {
  const { t, i18n } = useTranslation();
  if (tenants.length === 0) return <p className="empty-state">{t('admin.tenants.empty')}</p>;
  return (
    <Table
      caption={t('admin.tenants.caption', { count: tenants.length })}
      columns={[
        t('admin.tenants.name'),
        t('admin.tenants.slug'),
        t('admin.tenants.domains'),
        t('admin.status'),
        t('admin.sync.title'),
        t('admin.createdAt'),
        t('admin.actions'),
      ]}
      cards
      busy={busy}
    >
      {tenants.map((tenant) => (
        <tr key={tenant.id} data-tenant={tenant.slug}>
          <th scope="row">{tenant.name}</th>
          <td data-label={t('admin.tenants.slug')}>{tenant.slug}</td>
          <td data-label={t('admin.tenants.domains')}>{tenant.emailDomains.join(', ')}</td>
          <td data-label={t('admin.status')}>{t(`admin.tenants.status.${tenant.status}`)}</td>
          <td data-label={t('admin.sync.title')}>
            <SyncState sync={tenant.sync} />
          </td>
          <td data-label={t('admin.createdAt')}>{formatDate(tenant.createdAt, i18n.resolvedLanguage ?? 'de')}</td>
          <td data-label={t('admin.actions')}>
            {can(tenant.abilities, 'tenant.archive') ? (
              <button
                type="button"
                className="button button--small button--danger-outline"
                onClick={() => onArchive(tenant)}
                aria-label={t('admin.tenants.archiveNamed', { name: tenant.name })}
              >
                {t('admin.tenants.archive')}
              </button>
            ) : (
              <span className="muted">{t('admin.none')}</span>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
