import { can, type AbilityName, type Tenant } from '@arbeitsbereich/contract';

/** The tenants that allow `ability`, and the one to show: wanted, else home, else the first. */
export function chooseTenant(
  all: readonly Tenant[],
  ability: AbilityName,
  wanted: string | undefined,
  home: string | undefined,
): { tenants: Tenant[]; tenant?: Tenant } {
  const tenants = all.filter((t) => can(t.abilities, ability));
  const tenant =
    tenants.find((t) => t.id === wanted) ??
    tenants.find((t) => t.id === home) ??
    tenants.find((t) => t.status === 'active') ??
    tenants[0];
  return tenant ? { tenants, tenant } : { tenants };
}
