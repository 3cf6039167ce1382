import { type Tenant } from '@arbeitsbereich/contract';
import { describe, expect, it } from 'vitest';
import { chooseTenant } from './tenantChoice';

const tenant = (id: string, abilities: Record<string, boolean>, status: Tenant['status'] = 'active'): Tenant => ({
  id,
  slug: id,
  name: id,
  emailDomains: [],
  status,
  sync: { state: 'done', error: null },
  createdAt: '2025-01-01T00:00:00.000Z',
  archivedAt: null,
  abilities,
});

describe('chooseTenant', () => {
  const all = [
    tenant('old', { 'person.create': true }, 'archived'),
    tenant('a', { 'person.create': true }),
    tenant('b', { 'person.create': false }),
  ];

  it('offers only tenants whose abilities allow the page', () => {
    expect(chooseTenant(all, 'person.create', undefined, undefined).tenants.map((t) => t.id)).toEqual(['old', 'a']);
  });

  it('takes the wanted tenant, else the own one, else the first active one', () => {
    expect(chooseTenant(all, 'person.create', 'old', 'a').tenant?.id).toBe('old');
    expect(chooseTenant(all, 'person.create', 'b', 'a').tenant?.id).toBe('a');
    expect(chooseTenant(all, 'person.create', undefined, undefined).tenant?.id).toBe('a');
  });

  it('has no tenant when none allows it', () => {
    expect(chooseTenant(all, 'audit.read', undefined, 'a')).toEqual({ tenants: [] });
  });
});
