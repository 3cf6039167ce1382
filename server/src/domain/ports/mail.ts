/** A message the workspace itself sends (its notices; invitations are Keycloak's own, ADR 0041). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** A calendar invitation, update or cancellation (RFC 5545 text), sent as the mail's text/calendar part. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; fileName: string };
}

/** The mail server, seen from the domain. A failure may say whether trying again can help (`retryable`). */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

/** The mail server of the configuration (ADR 0041), as both Keycloak and the backend send through it. */
export interface MailServerSettings {
  host: string;
  port: number;
  from: string;
  fromName: string;
  tls: 'starttls' | 'tls' | 'none';
  user?: string | undefined;
  password?: string | undefined;
}
