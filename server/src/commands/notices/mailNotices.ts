import { checkedHandlers, jobKinds, type JobHandlers } from '../../domain/jobs/catalog.js';
import { guestExpiringNotice, quarantinedNotice, roomAddedNotice } from '../../domain/mailNotices.js';
import type { CalendarFiles } from '../../domain/ports/calendar.js';
import type { MailSender } from '../../domain/ports/mail.js';
import type { Store } from '../../domain/ports/store.js';
import type { Person } from '../../domain/person.js';
import { invitationMail } from '../../domain/scheduledMeeting.js';
import { invitationFor, roomPageOf } from '../meetings/schedule.js';

export interface MailNoticeDeps {
  store: Store;
  /** The mail server; undefined: none configured, notices are dropped. */
  mail: MailSender | undefined;
  /** The workspace's public address, for the links in a notice. */
  publicUrl: string;
  /** Writes the calendar files of planned meetings' invitations (ADR 0052). */
  calendar: CalendarFiles;
}

/**
 * A planned meeting's invitation, update or cancellation, with its calendar file: only of the
 * version the job was queued for (a later change's job sends the newer one), only to a member of
 * the room.
 */
async function sendInvitation(
  { store, mail, publicUrl, calendar }: MailNoticeDeps & { mail: MailSender },
  person: Person,
  job: { meetingId: string; sequence: number },
): Promise<void> {
  const m = await store.read.schedule.find(job.meetingId);
  if (!m || m.sequence !== job.sequence) return;
  const [room, role, organizer] = await Promise.all([
    store.read.rooms.findById(m.roomId),
    store.read.rooms.memberRole(m.roomId, person.id),
    store.read.people.findById(m.createdBy),
  ]);
  if (!room || room.status !== 'active' || role === null || !organizer) return;
  const url = roomPageOf(publicUrl, m.roomId);
  const invitation = invitationFor(publicUrl, m, organizer, person);
  const text = invitationMail(person.locale, m, { firstName: person.firstName, roomName: room.name, url });
  await mail.send({
    to: person.email,
    ...text,
    calendar: { method: invitation.method, content: calendar.invitation(invitation), fileName: 'einladung.ics' },
  });
}

/**
 * The workspace's own notices by e-mail (ADR 0041), through the outbox: read when the job runs, so
 * a person who turned notices off, left the room or was deactivated meanwhile gets none.
 */
export function mailNoticeHandlers(deps: MailNoticeDeps) {
  const { store, mail, publicUrl } = deps;
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
      if (job.kind === 'meeting.invitation') {
        await sendInvitation({ ...deps, mail }, person, job);
        return;
      }
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
