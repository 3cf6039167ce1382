import type { Actor } from '../domain/actor.js';
import { forbidden, notFound } from '../domain/errors.js';
import { allow, type Action, type Resource } from '../domain/policies/policy.js';
import type { NewAudit, Store } from '../domain/ports/store.js';

/** Who asks, and under which request: every command gets one. */
export interface CommandContext {
  actor: Actor;
  requestId: string | null;
  now: number;
}

/** The acting person as records name them: our id (or the sign-in subject) and the display name. */
export function actingPerson(ctx: CommandContext): { id: string; name: string } {
  return { id: ctx.actor.userId ?? ctx.actor.subject, name: ctx.actor.displayName || ctx.actor.username };
}

export function auditEntry(
  ctx: CommandContext,
  entry: Omit<NewAudit, 'actorId' | 'actorName' | 'requestId'>,
): NewAudit {
  return {
    actorId: actingPerson(ctx).id,
    actorName: actingPerson(ctx).name,
    requestId: ctx.requestId,
    ...entry,
  };
}

/**
 * The one gate of every command. A caller who may not even see the resource's
 * tenant gets "not found", so ids of other tenants reveal nothing; a caller who
 * may see it but not do this gets "forbidden". Denied writes are audited.
 */
export async function authorize(
  store: Store,
  ctx: CommandContext,
  action: Action,
  resource: Resource,
  audit?: { targetType: string; targetId: string | null },
): Promise<void> {
  if (allow(ctx.actor, action, resource)) return;
  const tenantId = resource.type === 'platform' ? null : resource.tenantId;
  const seesTenant =
    tenantId === null || allow(ctx.actor, 'tenant.read', { type: 'tenant', tenantId, archived: false });
  if (audit) {
    // Its own transaction: the denied command's work never starts, its record stays.
    await store.transaction((tx) =>
      tx.audit.append(
        auditEntry(ctx, {
          tenantId: seesTenant ? tenantId : null,
          action,
          targetType: audit.targetType,
          targetId: audit.targetId,
          outcome: 'denied',
        }),
      ),
    );
  }
  if (!seesTenant) throw notFound(resource.type === 'person' ? 'Person' : 'Tenant');
  throw forbidden();
}
