import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor.js';
import { allow, type Action, type Resource } from './policy.js';
import { rolesForSession, secondFactorReason, type GrantedRoles } from './secondFactor.js';

const tenantAdmin: GrantedRoles = { tenantId: 'A', tenantRole: 'tenant-admin', platformAdmin: false };
const member: GrantedRoles = { tenantId: 'A', tenantRole: 'member', platformAdmin: false };
const guest: GrantedRoles = { tenantId: 'A', tenantRole: 'guest', platformAdmin: false };
const platformAdmin: GrantedRoles = { tenantId: null, tenantRole: null, platformAdmin: true };
const platformAdminInTenant: GrantedRoles = { tenantId: 'A', tenantRole: 'member', platformAdmin: true };
const withoutTenant: GrantedRoles = { tenantId: null, tenantRole: null, platformAdmin: false };

const without = { secondFactor: false, tenantRequiresSecondFactor: false };
const withIt = { secondFactor: true, tenantRequiresSecondFactor: false };

const actor = (roles: GrantedRoles): Actor => ({
  userId: 'me',
  subject: 's',
  username: 'u',
  displayName: 'U',
  ...roles,
});
const may = (roles: GrantedRoles, action: Action, resource: Resource): boolean => allow(actor(roles), action, resource);
const tenantA: Resource = { type: 'tenant', tenantId: 'A', archived: false };
const colleague: Resource = { type: 'person', tenantId: 'A', personId: 'colleague', archived: false };

describe('who needs a second factor', () => {
  it('is every admin, and everybody of a tenant that requires it', () => {
    expect(secondFactorReason(platformAdmin, false)).toBe('platform-admin');
    expect(secondFactorReason(platformAdminInTenant, true)).toBe('platform-admin');
    expect(secondFactorReason(tenantAdmin, false)).toBe('tenant-admin');
    expect(secondFactorReason(member, false)).toBeNull();
    expect(secondFactorReason(member, true)).toBe('tenant-policy');
    expect(secondFactorReason(guest, true)).toBe('tenant-policy');
    // The tenant's rule binds its people only.
    expect(secondFactorReason(withoutTenant, true)).toBeNull();
  });
});

describe('the roles of a session', () => {
  it('are all that was granted when the session has the second factor', () => {
    for (const granted of [tenantAdmin, member, platformAdmin, platformAdminInTenant]) {
      expect(rolesForSession(granted, withIt)).toEqual({ roles: granted, missing: null });
      expect(rolesForSession(granted, { secondFactor: true, tenantRequiresSecondFactor: true }).roles).toEqual(granted);
    }
  });

  it('make a tenant admin without the second factor a member, who administers nothing', () => {
    const { roles, missing } = rolesForSession(tenantAdmin, without);
    expect(missing).toBe('tenant-admin');
    expect(roles).toEqual({ tenantId: 'A', tenantRole: 'member', platformAdmin: false });
    expect(may(tenantAdmin, 'person.create', tenantA)).toBe(true);
    expect(may(roles, 'person.create', tenantA)).toBe(false);
    expect(may(roles, 'tenant.updatePolicy', tenantA)).toBe(false);
    expect(may(roles, 'person.deactivate', colleague)).toBe(false);
    expect(may(roles, 'audit.read', tenantA)).toBe(false);
    // What a member may do stays.
    expect(may(roles, 'room.create', tenantA)).toBe(true);
  });

  it('take platform admin away from a session without the second factor, and keep the person in their tenant', () => {
    const alone = rolesForSession(platformAdmin, without);
    expect(alone).toEqual({ roles: withoutTenant, missing: 'platform-admin' });
    expect(may(platformAdmin, 'tenant.create', { type: 'platform' })).toBe(true);
    expect(may(alone.roles, 'tenant.create', { type: 'platform' })).toBe(false);
    expect(may(alone.roles, 'tenant.list', { type: 'platform' })).toBe(false);
    expect(rolesForSession(platformAdminInTenant, without).roles).toEqual(member);
  });

  it('leave a member or guest as they are when the tenant does not require it', () => {
    expect(rolesForSession(member, without)).toEqual({ roles: member, missing: null });
    expect(rolesForSession(guest, without)).toEqual({ roles: guest, missing: null });
  });

  it('hold no tenant at all when the tenant requires the second factor of everybody and the session lacks it', () => {
    const required = { secondFactor: false, tenantRequiresSecondFactor: true };
    for (const granted of [member, guest, tenantAdmin, platformAdminInTenant]) {
      const { roles, missing } = rolesForSession(granted, required);
      expect(roles).toEqual(withoutTenant);
      expect(missing).not.toBeNull();
      expect(may(roles, 'tenant.read', tenantA)).toBe(false);
      expect(may(roles, 'room.list', tenantA)).toBe(false);
    }
    expect(rolesForSession(member, required).missing).toBe('tenant-policy');
  });
});
