export { SmtpMail, MailError, type SmtpMailOptions } from './smtpMail.js';
