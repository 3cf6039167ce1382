import type { Actor } from '../../domain/actor.js';
import type { NewAudit, Store } from '../../domain/ports/store.js';

/** Writes one entry of sign-in and sign-out to the audit log, the way every command does. */
export async function auditSession(store: Store, entry: NewAudit): Promise<void> {
  await store.transaction((tx) => tx.audit.append(entry));
}

/** Who did it, as the audit log names a signed-in person. */
export function actorFields(actor: Pick<Actor, 'userId' | 'subject' | 'displayName' | 'username'>): {
  actorId: string;
  actorName: string;
} {
  return { actorId: actor.userId ?? actor.subject, actorName: actor.displayName || actor.username };
}
