import type { Abilities, AbilityName, Tenant } from '@arbeitsbereich/contract';
import { useCallback } from 'react';
import { useQueryParam, useRouter } from '../../../lib/router/context';
import { withQuery } from '../../../lib/router/location';
import { useSession } from '../../../lib/session/context';
import { chooseTenant } from './tenantChoice';

export interface TenantChoice {
  /** Tenants offered, in the server's order; empty while loading. */
  tenants: Tenant[];
  tenant?: Tenant;
  platform: Abilities;
  loading: boolean;
  choose: (tenantId: string) => void;
}

/**
 * Which tenant an administration page works on: `?tenant=` if the server lets the person
 * do `ability` there, else their own tenant, else the first tenant that allows it.
 */
export function useTenantChoice(ability: AbilityName): TenantChoice {
  const { access } = useSession();
  const { location, navigate } = useRouter();
  const wanted = useQueryParam('tenant');
  const { tenants, tenant } = chooseTenant(access.tenants, ability, wanted, access.homeTenant?.id);
  const choose = useCallback(
    (tenantId: string) => navigate(withQuery(location.pathname, { tenant: tenantId }), { replace: true }),
    [location.pathname, navigate],
  );
  return { tenants, platform: access.platform, loading: access.loading, choose, ...(tenant ? { tenant } : {}) };
}
