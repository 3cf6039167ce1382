import { stackEnv } from './stackEnv.js';

/** A message as the stack's Mailpit keeps it (its REST API, /api/v1/message/{ID}). */
export interface MailMessage {
  ID: string;
  Subject: string;
  Text: string;
  HTML: string;
  To: { Address: string }[];
}

interface Summary {
  ID: string;
  Subject: string;
  To: { Address: string }[];
}

const mailpitUrl = (): string => stackEnv('MAILPIT_URL');

/** Every message Mailpit holds for the address (with a subject that matches, if given), newest first. */
export async function messagesTo(address: string, subject?: RegExp): Promise<Summary[]> {
  const query = new URLSearchParams({ query: `to:"${address}"` });
  const response = await fetch(`${mailpitUrl()}/api/v1/search?${query.toString()}`);
  if (!response.ok) throw new Error(`Mailpit search: HTTP ${response.status}`);
  const body = (await response.json()) as { messages: Summary[] };
  return body.messages.filter(
    (m) =>
      m.To.some((to) => to.Address.toLowerCase() === address.toLowerCase()) &&
      (subject === undefined || subject.test(m.Subject)),
  );
}

export async function readMessage(id: string): Promise<MailMessage> {
  const response = await fetch(`${mailpitUrl()}/api/v1/message/${encodeURIComponent(id)}`);
  if (!response.ok) throw new Error(`Mailpit message ${id}: HTTP ${response.status}`);
  return (await response.json()) as MailMessage;
}

/** Waits until at least `count` messages reached the address; returns the newest, read. */
export async function waitForMail(
  address: string,
  { count = 1, timeoutMs = 120_000, subject }: { count?: number; timeoutMs?: number; subject?: RegExp } = {},
): Promise<MailMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await messagesTo(address, subject);
    if (found.length >= count && found[0] !== undefined) return readMessage(found[0].ID);
    if (Date.now() > deadline) {
      throw new Error(
        `${count} message(s) to ${address} did not arrive within ${timeoutMs} ms (found ${found.length})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Keycloak's invitation, in German or English. */
export const INVITATION_SUBJECT = /^(Aktualisieren Sie Ihr Konto|Update Your Account)$/;

/** The link of Keycloak's invitation (its action token), from the message's text. */
export function invitationLink(message: MailMessage): string {
  const match = /https?:\/\/\S+\/login-actions\/action-token\?\S+/.exec(message.Text);
  if (!match) throw new Error(`no invitation link in "${message.Subject}"`);
  return match[0].replace(/[>)\].,]+$/, '');
}

/** A calendar part of a message as sent (the raw message from Mailpit), decoded. */
export interface CalendarPart {
  contentType: string;
  text: string;
}

/** The message's text/calendar parts (RFC 6047: the invitation travels as one), decoded. */
export async function calendarPartsOf(id: string): Promise<CalendarPart[]> {
  const response = await fetch(`${mailpitUrl()}/api/v1/message/${encodeURIComponent(id)}/raw`);
  if (!response.ok) throw new Error(`Mailpit message ${id}: HTTP ${response.status}`);
  const raw = (await response.text()).replace(/\r\n/g, '\n');
  const parts: CalendarPart[] = [];
  for (const match of raw.matchAll(
    /(^|\n)Content-Type: (text\/calendar[^\n]*(?:\n[ \t][^\n]*)*)\n((?:[^\n]+\n)*)\n/gi,
  )) {
    const headers = match[3] ?? '';
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf('\n--', start);
    const body = raw.slice(start, end === -1 ? undefined : end);
    const encoding = /Content-Transfer-Encoding:\s*(\S+)/i.exec(headers)?.[1]?.toLowerCase() ?? '7bit';
    const text =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? Buffer.from(
              body
                .replace(/=\n/g, '')
                .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            ).toString('utf8')
          : body;
    parts.push({ contentType: (match[2] ?? '').replace(/\s+/g, ' '), text: text.replace(/\n/g, '\r\n') });
  }
  return parts;
}
