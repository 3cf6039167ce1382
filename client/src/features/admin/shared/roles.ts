export { tenantRoles } from '@arbeitsbereich/contract';

/** Translation key of a tenant role: Mandantenadministration, Mitglied, Gast. */
export const roleKey = (role: string): string => `roles.${role}`;
