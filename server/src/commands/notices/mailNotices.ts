import { checkedHandlers, jobKinds, type JobHandlers } from '../../domain/jobs/catalog.js';
import { guestExpiringNotice, quarantinedNotice, roomAddedNotice } from '../../domain/mailNotices.js';
import type { MailSender } from '../../domain/ports/mail.js';
import type { Store } from '../../domain/ports/store.js';

export interface MailNoticeDeps {
  store: Store;
  /** The mail server; undefined: none configured, notices are dropped. */
  mail: MailSender | undefined;
  /** The workspace's public address, for the links in a notice. */
  publicUrl: string;
}

/**
 * The workspace's own notices by e-mail (ADR 0041), through the outbox: read when the job runs, so
 * a person who turned notices off, left the room or was deactivated meanwhile gets none.
 */
export function mailNoticeHandlers({ store, mail, publicUrl }: MailNoticeDeps) {
  const handlers: JobHandlers<typeof jobKinds.mailNotice> = {
    [jobKinds.mailNotice]: async (job) => {
      if (mail === undefined) return;
      const person = await store.read.people.findById(job.personId);
      if (!person || person.status !== 'active') return;
      if (job.kind === 'guest.expiring') {
        // A sponsor's duty, not a courtesy: sent whatever their notice setting says (ADR 0050).
        const guest = await store.read.people.findById(job.guestId);
        if (!guest || guest.status !== 'active' || guest.guestTerm?.sponsorId !== person.id) return;
        const text = guestExpiringNotice(person.locale, {
          firstName: person.firstName,
          guestName: `${guest.firstName} ${guest.lastName}`,
          endsOn: new Date(guest.guestTerm.expiresAt),
          workspaceUrl: `${publicUrl}/gaeste`,
        });
        await mail.send({ to: person.email, ...text });
        return;
      }
      if (job.kind === 'document.quarantined') {
        // A security notice, sent whatever their notice setting says (ADR 0055).
        const version = await store.read.documents.findVersion(job.versionId);
        const entry = version && (await store.read.documents.findEntry(version.entryId));
        const room = entry && (await store.read.rooms.findById(entry.roomId));
        if (!version || version.scan !== 'infected' || !entry || !room) return;
        const text = quarantinedNotice(person.locale, {
          firstName: person.firstName,
          fileName: entry.name,
          roomName: room.name,
          signature: version.scanSignature ?? '',
          uploadedByThem: version.createdBy === person.id,
          workspaceUrl: `${publicUrl}/rooms/${encodeURIComponent(room.id)}/documents/${encodeURIComponent(entry.id)}`,
        });
        await mail.send({ to: person.email, ...text });
        return;
      }
      if (!person.mailNotices) return;
      const { personId, roomId } = job;
      const room = await store.read.rooms.findById(roomId);
      if (!room || room.status !== 'active' || (await store.read.rooms.memberRole(roomId, personId)) === null) return;
      const notice = roomAddedNotice(person.locale, {
        firstName: person.firstName,
        roomName: room.name,
        workspaceUrl: `${publicUrl}/rooms/${encodeURIComponent(roomId)}`,
      });
      await mail.send({ to: person.email, ...notice });
    },
  };
  return { handlers: checkedHandlers(handlers) };
}
