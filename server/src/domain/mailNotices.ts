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

/** "A file was found to contain malware and is withheld": which, where, and what was found (ADR 0055). */
export function quarantinedNotice(
  locale: PersonLocale,
  facts: {
    firstName: string;
    fileName: string;
    roomName: string;
    signature: string;
    uploadedByThem: boolean;
    workspaceUrl: string;
  },
): MailNoticeText {
  const { firstName, fileName, roomName, signature, uploadedByThem, workspaceUrl } = facts;
  if (locale === 'en') {
    return {
      subject: `Malware found in "${fileName}": the file is withheld`,
      text: [
        `Hello ${firstName},`,
        '',
        `${uploadedByThem ? 'the file you uploaded' : 'the file'} "${fileName}" in the room "${roomName}" was checked for`,
        `malware, and the scanner found "${signature}". Nobody can download, preview or open it; it is kept`,
        'withheld until it is deleted. Earlier versions of the file are not affected.',
        '',
        `${uploadedByThem ? 'Please check the device you uploaded it from. ' : ''}The file: ${workspaceUrl}`,
      ].join('\n'),
    };
  }
  return {
    subject: `Schadsoftware in „${fileName}“: die Datei ist gesperrt`,
    text: [
      `Guten Tag ${firstName},`,
      '',
      `${uploadedByThem ? 'die von Ihnen hochgeladene Datei' : 'die Datei'} „${fileName}“ im Raum „${roomName}“ wurde auf`,
      `Schadsoftware geprüft, und der Scanner hat „${signature}“ gefunden. Niemand kann sie herunterladen, in der`,
      'Vorschau sehen oder öffnen; sie bleibt gesperrt, bis sie gelöscht wird. Frühere Fassungen der Datei sind nicht betroffen.',
      '',
      `${uploadedByThem ? 'Bitte prüfen Sie das Gerät, von dem Sie sie hochgeladen haben. ' : ''}Die Datei: ${workspaceUrl}`,
    ].join('\n'),
  };
}
