import { describe, expect, it } from 'vitest';
import type { Tenant } from '@arbeitsbereich/contract';
import { adminAreas, hasAnyAdminArea } from './adminAreas';

const tenant = (abilities: Record<string, boolean>): Tenant => ({
  id: 't1',
  slug: 'demo',
  name: 'Demo-Behörde',
  emailDomains: ['demo.example'],
  status: 'active',
  sync: { state: 'done', error: null },
  createdAt: '2025-01-01T00:00:00.000Z',
  archivedAt: null,
  abilities,
});

describe('adminAreas', () => {
  it('gives a tenant admin people and the audit log', () => {
    const areas = adminAreas({ 'tenant.list': false, 'audit.readAll': false }, [
      tenant({ 'person.create': true, 'person.import': true, 'audit.read': true, 'tenant.readPolicy': true }),
    ]);
    expect(areas).toEqual({ people: true, audit: true, tenants: false, policies: true });
  });

  it('gives a platform admin the tenants too', () => {
    expect(adminAreas({ 'tenant.list': true, 'audit.readAll': true }, [])).toEqual({
      people: false,
      audit: true,
      tenants: true,
      policies: false,
    });
  });

  it('gives a member nothing to administer', () => {
    const areas = adminAreas({}, [
      tenant({ 'person.list': true, 'person.create': false, 'audit.read': false, 'tenant.readPolicy': false }),
    ]);
    expect(hasAnyAdminArea(areas)).toBe(false);
  });
});
