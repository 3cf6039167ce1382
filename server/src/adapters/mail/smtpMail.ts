import nodemailer, { type Transporter } from 'nodemailer';
import type { MailSender, MailServerSettings, OutgoingMail } from '../../domain/ports/mail.js';

export interface SmtpMailOptions extends MailServerSettings {
  /** Time limit for connecting and for each answer of the server. */
  timeoutMs?: number;
}

/** A refusal of the mail server: 5xx answers are permanent, anything else may pass on another try. */
export class MailError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

/**
 * The workspace's notices by SMTP (nodemailer), through the same mail server Keycloak sends the
 * invitations through (ADR 0041). Errors name the server's answer code only, never the recipient.
 */
export class SmtpMail implements MailSender {
  readonly #transport: Transporter;
  readonly #from: { name: string; address: string };

  constructor(options: SmtpMailOptions) {
    const timeout = options.timeoutMs ?? 15_000;
    this.#from = { name: options.fromName, address: options.from };
    this.#transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.tls === 'tls',
      requireTLS: options.tls === 'starttls',
      ignoreTLS: options.tls === 'none',
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      ...(options.user !== undefined && options.password !== undefined
        ? { auth: { user: options.user, pass: options.password } }
        : {}),
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.#transport.sendMail({
        from: this.#from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        // nodemailer adds it as a text/calendar alternative with its METHOD, as calendar programs expect.
        ...(mail.calendar
          ? {
              icalEvent: {
                method: mail.calendar.method,
                content: mail.calendar.content,
                filename: mail.calendar.fileName,
              },
            }
          : {}),
      });
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const permanent = typeof code === 'number' && code >= 500;
      const detail =
        typeof code === 'number' ? `the mail server answered ${code}` : 'the mail server could not be reached';
      throw new MailError(`sending a notice failed: ${detail}`, !permanent);
    }
  }
}
