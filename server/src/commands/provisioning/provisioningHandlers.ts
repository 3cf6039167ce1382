import type { ChatRooms } from '../../domain/ports/chat.js';
import type { IdentityDirectory } from '../../domain/ports/identity.js';
import type { Store } from '../../domain/ports/store.js';
import { checkedHandlers, jobKinds, type JobHandlers } from '../../domain/jobs/catalog.js';
import { jobFailureRecorder } from '../jobFailures.js';
import { convergeRoom } from '../rooms/roomConverger.js';
import { invitationFor } from '../../domain/invitation.js';

export interface ProvisioningDeps {
  store: Store;
  identity: IdentityDirectory;
  chat: ChatRooms;
  now?: () => number;
}

class NotYet extends Error {
  readonly retryable = true;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const spaceKey = (tenantId: string): string => `tenant_${tenantId}`;

/**
 * The outbox jobs that make Keycloak and Synapse follow the desired state.
 * Each is safe to repeat: it looks up before it creates and sets instead of
 * toggling. While a job is retried, the object shows "pending" with the last
 * reason; `onFailed` marks it "failed" when retrying has ended.
 */
export function provisioningHandlers(deps: ProvisioningDeps) {
  const { store, identity, chat } = deps;
  const now = deps.now ?? Date.now;
  const people = store.read.people;
  const tenants = store.read.tenants;
  const write = store.write;

  // Jobs run concurrently, but never two for the same person at once: a
  // reactivation must not interleave with the deactivation before it.
  const chains = new Map<string, Promise<void>>();
  function oneAtATime(key: string, work: () => Promise<void>): Promise<void> {
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    const tail = next.catch(() => undefined);
    chains.set(key, tail);
    void tail.then(() => {
      if (chains.get(key) === tail) chains.delete(key);
    });
    return next;
  }

  function trackPerson(personId: string, work: () => Promise<void>): Promise<void> {
    return oneAtATime(personId, async () => {
      try {
        await work();
        await write.people.setSync(personId, 'done', null, now());
      } catch (error) {
        await write.people.setSync(personId, 'pending', message(error), now());
        throw error;
      }
    });
  }

  type Kinds = Exclude<
    keyof typeof jobKinds,
    | 'documentPreview'
    | 'documentScan'
    | 'chatDeviceSignOut'
    | 'mailNotice'
    | 'meetingRemove'
    | 'meetingEnd'
    | 'personExport'
    | 'personErase'
  >;
  const handlers: JobHandlers<(typeof jobKinds)[Kinds]> = {
    [jobKinds.tenantProvision]: async ({ tenantId }) => {
      const tenant = await tenants.findById(tenantId);
      if (!tenant) return;
      try {
        const org = await identity.ensureOrganization({
          name: tenant.name,
          alias: tenant.slug,
          domains: tenant.emailDomains,
        });
        await write.tenants.setLinks(tenantId, { keycloakOrgId: org.id }, now());
        const spaceId = await chat.ensureRoom({
          key: spaceKey(tenantId),
          name: tenant.name,
          encrypted: true,
          space: true,
        });
        await write.tenants.setLinks(tenantId, { matrixSpaceId: spaceId }, now());
        await write.tenants.setSync(tenantId, 'done', null, now());
      } catch (error) {
        await write.tenants.setSync(tenantId, 'pending', message(error), now());
        throw error;
      }
    },

    [jobKinds.tenantArchive]: async () => {
      // The people of an archived tenant are deactivated by their own jobs;
      // its Keycloak organization and Matrix space stay as the record.
    },

    [jobKinds.personProvision]: async (payload) => {
      const { personId } = payload;
      // Only the installation's own seeding sets this, for the accounts its realm export ships.
      const adoptUnmarked = payload.adoptUnmarked === true;
      const person = await people.findById(personId);
      if (!person) return;
      await trackPerson(personId, async () => {
        const links = await tenants.links(person.tenantId);
        // The person joins the tenant's organization and space: both must exist first.
        if (!links?.keycloakOrgId || !links.matrixSpaceId) throw new NotYet('the tenant is not provisioned yet');
        const user = await identity.ensureUser({
          username: person.username,
          email: person.email,
          firstName: person.firstName,
          lastName: person.lastName,
          enabled: person.status === 'active',
          marker: personId,
          adoptUnmarked,
        });
        await write.people.setLinks(personId, { subject: user.id }, now());
        // Only platform admins manage a person whose account is a platform admin's (the demo's Paula).
        // An account made just now holds no roles.
        await write.people.setPlatformAdmin(
          personId,
          !user.created && (await identity.isPlatformAdmin(user.id)),
          now(),
        );
        await identity.addOrganizationMember(links.keycloakOrgId, user.id);
        const recorded = (await people.links(personId))?.matrixUserId;
        const matrixUserId = await chat.ensureUser({
          localpart: person.username,
          displayName: `${person.firstName} ${person.lastName}`,
          subject: user.id,
          recorded: recorded !== undefined && recorded !== null && recorded === chat.userIdFor(person.username),
        });
        await write.people.setLinks(personId, { matrixUserId }, now());
        if (person.status === 'active') {
          await chat.invite(links.matrixSpaceId, matrixUserId);
          await chat.join(links.matrixSpaceId, matrixUserId);
        }
      });
    },

    [jobKinds.personDeactivate]: async ({ personId }) => {
      const person = await people.findById(personId);
      if (!person || person.status !== 'deactivated') return;
      // An erasure removes the accounts itself (ADR 0053); a deactivation racing it would only fail on them.
      if (await store.read.privacy.erasureOf(personId)) return;
      await trackPerson(personId, async () => {
        const links = await people.links(personId);
        if (links?.subject) {
          await identity.setUserEnabled(links.subject, false);
          await identity.logoutUser(links.subject);
        }
        if (links?.matrixUserId) {
          const tenantLinks = await tenants.links(person.tenantId);
          if (tenantLinks?.matrixSpaceId) await chat.kick(tenantLinks.matrixSpaceId, links.matrixUserId, 'deactivated');
          await chat.deactivateUser(links.matrixUserId);
        }
      });
    },

    [jobKinds.personReactivate]: async ({ personId }) => {
      const person = await people.findById(personId);
      if (!person || person.status !== 'active') return;
      await trackPerson(personId, async () => {
        const links = await people.links(personId);
        if (!links?.subject) throw new NotYet('the person has no Keycloak account yet');
        await identity.setUserEnabled(links.subject, true);
        if (links.matrixUserId) {
          await chat.reactivateUser(links.matrixUserId);
          const tenantLinks = await tenants.links(person.tenantId);
          if (tenantLinks?.matrixSpaceId) {
            await chat.invite(tenantLinks.matrixSpaceId, links.matrixUserId);
            await chat.join(tenantLinks.matrixSpaceId, links.matrixUserId);
          }
        }
      });
    },

    // The invitation by e-mail (ADR 0041) waits for the account its link is for. A mail server or
    // Keycloak that fails delays it; a lease that ends after Keycloak sent it may send it once more.
    [jobKinds.personInvite]: async ({ personId }) => {
      const person = await people.findById(personId);
      if (!person || person.status !== 'active') return;
      await oneAtATime(personId, async () => {
        const links = await people.links(personId);
        // An account that could not be made (a clash) gets no invitation; the admins see why.
        if (!links?.subject && person.sync === 'failed') return;
        if (!links?.subject) throw new NotYet('the person has no Keycloak account yet');
        const policy = await store.read.meetings.policy(person.tenantId);
        await identity.sendInvitation(links.subject, invitationFor(person, policy.secondFactor));
        await write.people.setInvitedAt(personId, now());
      });
    },

    [jobKinds.roomSync]: async ({ roomId }) => {
      await oneAtATime(`room:${roomId}`, async () => {
        try {
          await convergeRoom({ store, chat, now }, roomId);
          // The members' clients hear that the chat room is ready (or has caught up), so lists
          // and open pages leave their "being set up" state without polling.
          await store.transaction(async (tx) => {
            const room = await tx.rooms.findById(roomId);
            await tx.rooms.setSync(roomId, 'done', null, now());
            if (!room || room.sync === 'done') return;
            const members = (await tx.rooms.members(roomId)).map((m) => m.personId);
            tx.notify({ type: 'room.changed', tenantId: room.tenantId, roomId, personIds: members });
            tx.notify({ type: 'rooms.changed', tenantId: room.tenantId, roomId, personIds: members });
          });
        } catch (error) {
          await write.rooms.setSync(roomId, 'pending', message(error), now());
          throw error;
        }
      });
    },

    // A notice in a room's chat (a meeting began or ended). The room may still be
    // being set up, or the homeserver down: the job waits and retries, and its
    // transaction id makes a repeated send the same event.
    [jobKinds.roomNotice]: async ({ roomId, body, txnId, html, fields }) => {
      // A shared document's notice also has an HTML rendering and a card for clients that know it.
      const rich = { ...(html !== undefined ? { html } : {}), ...(fields !== undefined ? { fields } : {}) };
      await oneAtATime(`notice:${roomId}`, async () => {
        const matrixRoomId = await store.read.rooms.matrixRoomId(roomId);
        if (!matrixRoomId) throw new NotYet('the room has no chat room yet');
        await chat.sendNotice(matrixRoomId, body, txnId, rich);
      });
    },
  };

  /** Called by the outbox worker when a job will not be retried any more. */
  const onFailed = jobFailureRecorder({ store, now });

  return { handlers: checkedHandlers(handlers), onFailed };
}
