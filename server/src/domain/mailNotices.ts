import type { PersonLocale } from './person.js';

/** A notice by e-mail, as the person reads it: German first, English second. */
export interface MailNoticeText {
  subject: string;
  text: string;
}

/** "You were added to a room": the room's name, who is told, and where the workspace is. */
export function roomAddedNotice(
  locale: PersonLocale,
  facts: { firstName: string; roomName: string; workspaceUrl: string },
): MailNoticeText {
  const { firstName, roomName, workspaceUrl } = facts;
  if (locale === 'en') {
    return {
      subject: `You were added to the room "${roomName}"`,
      text: [
        `Hello ${firstName},`,
        '',
        `you were added to the room "${roomName}" in the workspace. Open it here: ${workspaceUrl}`,
        '',
        'You can turn these notices off on the start page of the workspace.',
      ].join('\n'),
    };
  }
  return {
    subject: `Sie wurden dem Raum „${roomName}“ hinzugefügt`,
    text: [
      `Guten Tag ${firstName},`,
      '',
      `Sie wurden im Arbeitsbereich dem Raum „${roomName}“ hinzugefügt. Hier öffnen Sie ihn: ${workspaceUrl}`,
      '',
      'Diese Benachrichtigungen können Sie auf der Startseite des Arbeitsbereichs abschalten.',
    ].join('\n'),
  };
}

/** "The access of a guest you sponsor ends soon": who, when, and where to extend it. */
export function guestExpiringNotice(
  locale: PersonLocale,
  facts: { firstName: string; guestName: string; endsOn: Date; workspaceUrl: string },
): MailNoticeText {
  const { firstName, guestName, endsOn, workspaceUrl } = facts;
  const day = endsOn.toLocaleDateString(locale === 'en' ? 'en-GB' : 'de-DE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Berlin',
  });
  if (locale === 'en') {
    return {
      subject: `The access of your guest ${guestName} ends on ${day}`,
      text: [
        `Hello ${firstName},`,
        '',
        `you sponsor ${guestName} as a guest of the workspace. Their access ends on ${day}; then they are`,
        'signed out and removed from every room.',
        '',
        `If they still need it, extend it here: ${workspaceUrl}`,
      ].join('\n'),
    };
  }
  return {
    subject: `Der Zugang Ihres Gastes ${guestName} endet am ${day}`,
    text: [
      `Guten Tag ${firstName},`,
      '',
      `Sie betreuen ${guestName} als Gast im Arbeitsbereich. Der Zugang endet am ${day}; dann wird der Gast`,
      'abgemeldet und aus allen Räumen entfernt.',
      '',
      `Wird der Zugang weiter gebraucht, verlängern Sie ihn hier: ${workspaceUrl}`,
    ].join('\n'),
  };
}
