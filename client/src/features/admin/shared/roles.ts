export { TENANT_ROLES } from '../../../lib/api/session';

/** Translation key of a tenant role: Mandantenadministration, Mitglied, Gast. */
export const roleKey = (role: string): string => `roles.${role}`;
