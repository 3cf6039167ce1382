import type { AbilityName, Tenant } from '@arbeitsbereich/contract';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Busy } from '../../../lib/ui/Busy';
import { TenantPicker } from './TenantPicker';
import { useTenantChoice } from './useTenantChoice';

interface Props {
  /** What the person must be allowed to do in the tenant shown. */
  ability: AbilityName;
  pickerId: string;
  /** Above the tenant picker, for the tenant shown. */
  before?: (tenant: Tenant) => ReactNode;
  /** The page's work on one tenant; it starts afresh when another tenant is picked. */
  children: (tenant: Tenant) => ReactNode;
}

/** The tenant an administration page works on, with a picker when there is more than one. */
export function TenantScoped({ ability, pickerId, before, children }: Props) {
  const { t } = useTranslation();
  const choice = useTenantChoice(ability);
  if (choice.loading && !choice.tenant) return <Busy message={t('admin.loadingTenants')} />;
  if (!choice.tenant) return <p className="empty-state">{t('admin.noTenantAllowed')}</p>;
  return (
    <>
      {before?.(choice.tenant)}
      {choice.tenants.length > 1 && (
        <TenantPicker id={pickerId} tenants={choice.tenants} value={choice.tenant.id} onChange={choice.choose} />
      )}
      <Fragment key={choice.tenant.id}>{children(choice.tenant)}</Fragment>
    </>
  );
}
