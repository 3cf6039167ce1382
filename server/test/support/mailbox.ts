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
