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
