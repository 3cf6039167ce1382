import {
  abilityNames,
  entryKinds as wireEntryKinds,
  scanStates as wireScanStates,
  guestLinkHours as wireGuestLinkHours,
  roomRoles as wireRoomRoles,
  tenantRoles as wireTenantRoles,
} from '@arbeitsbereich/contract';
import { describe, expect, it } from 'vitest';
import { tenantRoles } from '../../domain/actor.js';
import { entryKinds, scanStates } from '../../domain/documents.js';
import { guestLinkHours } from '../../domain/meeting.js';
import { actionsByResource } from '../../domain/policies/policy.js';
import { roomRoles } from '../../domain/room.js';

describe('the domain and the API contract', () => {
  it('report only the ability names the contract declares, by the same kind of object', () => {
    for (const [kind, actions] of Object.entries(actionsByResource)) {
      const declared: readonly string[] = abilityNames[kind as keyof typeof abilityNames];
      expect(
        actions.filter((action) => !declared.includes(action)),
        kind,
      ).toEqual([]);
    }
  });

  it('know the same tenant and room roles', () => {
    expect([...tenantRoles]).toEqual([...wireTenantRoles]);
    expect([...roomRoles]).toEqual([...wireRoomRoles]);
  });

  it('know the same kinds of library entries', () => {
    expect([...entryKinds]).toEqual([...wireEntryKinds]);
  });

  it('know the same states of a malware scan', () => {
    expect([...scanStates]).toEqual([...wireScanStates]);
  });

  it('allow guest links for the same hours', () => {
    expect(guestLinkHours).toEqual(wireGuestLinkHours);
  });
});
