import { z } from 'zod';

/** A person's role in their tenant. */
export const tenantRoles = ['tenant-admin', 'member', 'guest'] as const;
export type TenantRole = (typeof tenantRoles)[number];
export const tenantRole = z.enum(tenantRoles);

/** Room roles, from the most to the least rights. */
export const roomRoles = ['owner', 'moderator', 'member', 'guest'] as const;
export type RoomRole = (typeof roomRoles)[number];
export const roomRole = z.enum(roomRoles);

/** Who can find and join a room: everyone of the tenant, or only those added to it. */
export const roomVisibilities = ['tenant', 'private'] as const;
export type RoomVisibility = (typeof roomVisibilities)[number];
export const roomVisibility = z.enum(roomVisibilities);

/** Tenants and rooms are active or archived (read-only, the record stays). */
export const archiveStatuses = ['active', 'archived'] as const;
export type ArchiveStatus = (typeof archiveStatuses)[number];
export const archiveStatus = z.enum(archiveStatuses);

export const personStatuses = ['active', 'deactivated'] as const;
export type PersonStatus = (typeof personStatuses)[number];
export const personStatus = z.enum(personStatuses);

/** Whether the outside systems follow an object yet. */
export const syncStates = ['pending', 'done', 'failed'] as const;
export type SyncState = (typeof syncStates)[number];
export const syncState = z.enum(syncStates);

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];
export const auditOutcome = z.enum(auditOutcomes);

/** Why a person needs a second factor their session was not signed in with. */
export const secondFactorReasons = ['platform-admin', 'tenant-admin', 'tenant-policy'] as const;
export type SecondFactorReason = (typeof secondFactorReasons)[number];
export const secondFactorReason = z.enum(secondFactorReasons);
