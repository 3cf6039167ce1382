import { domainPattern } from './tenant.js';

const emailPattern = /^[^\s@<>()[\]\\,;:"]{1,64}@([^\s@]+)$/;
export const usernamePattern = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/** The domain of an e-mail address, lower-cased, or undefined if it is not an address. */
export function emailDomain(email: string): string | undefined {
  const match = emailPattern.exec(email.trim().toLowerCase());
  const domain = match?.[1];
  return domain !== undefined && domainPattern.test(domain) ? domain : undefined;
}

/**
 * The sign-in name a person gets when none is given: the e-mail's local part,
 * reduced to characters every part of the stack accepts (Keycloak usernames,
 * Matrix localparts).
 */
export function usernameFromEmail(email: string): string {
  const local = email.trim().toLowerCase().split('@')[0] ?? '';
  return local
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9._-]+/g, '.')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 64);
}

export function belongsToTenantDomains(email: string, domains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== undefined && domains.includes(domain);
}
