import { can } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import type { AuditScope } from '../../../lib/api/audit';
import { Busy } from '../../../lib/ui/Busy';
import { adminPage } from '../shared/AdminPage';
import { TenantPicker } from '../shared/TenantPicker';
import { useTenantChoice } from '../shared/useTenantChoice';
import { useQueryParam } from '../../../lib/router/context';
import { AuditLog } from './AuditLog';

const PLATFORM = 'platform';

function AuditFor({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const choice = useTenantChoice('audit.read');
  const wanted = useQueryParam('tenant');
  const platformLog = can(choice.platform, 'audit.readAll');
  if (choice.loading && !choice.tenant) return <Busy message={t('admin.loadingTenants')} />;

  const scope: AuditScope | undefined =
    platformLog && (wanted === PLATFORM || !choice.tenant)
      ? { kind: 'platform' }
      : choice.tenant
        ? { kind: 'tenant', tenantId: choice.tenant.id }
        : undefined;
  if (!scope) return <p className="empty-state">{t('admin.noTenantAllowed')}</p>;
  const scopeKey = scope.kind === 'platform' ? PLATFORM : scope.tenantId;
  const scopeName = scope.kind === 'platform' ? t('admin.audit.platformScope') : (choice.tenant?.name ?? '');

  return (
    <>
      {(choice.tenants.length > 1 || platformLog) && (
        <TenantPicker
          id="audit-tenant"
          tenants={choice.tenants}
          value={scopeKey}
          onChange={choice.choose}
          {...(platformLog ? { extra: { value: PLATFORM, label: t('admin.audit.platformScope') } } : {})}
        />
      )}
      <AuditLog key={scopeKey} api={api} scope={scope} scopeName={scopeName} />
    </>
  );
}

/** Protokoll: who did what, when, with which result; filtered and paged. */
export default adminPage('audit', AuditFor);
