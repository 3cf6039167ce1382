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

/**
 * Sign-in names no person may take: the accounts of the installation itself (the chat bot and
 * every other `workspace-…` account, Keycloak's service accounts) and the names people expect to
 * belong to an operator. Whoever held one of them would hold that account's power in Keycloak or
 * in every chat room of every tenant.
 */
const reservedUsernames = new Set([
  'admin',
  'administrator',
  'root',
  'system',
  'operator',
  'postmaster',
  'hostmaster',
  'webmaster',
  'abuse',
  'security',
  'support',
  'keycloak',
  'synapse',
  'matrix',
  'jitsi',
  'bot',
]);
const reservedPrefixes = ['workspace-', 'workspace_', 'workspace.', 'service-account-', 'admin-', 'admin.', 'admin_'];

export function isReservedUsername(username: string): boolean {
  const name = username.toLowerCase();
  return reservedUsernames.has(name) || reservedPrefixes.some((prefix) => name.startsWith(prefix));
}
