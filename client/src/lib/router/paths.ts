/** Every page of the client. Features link to each other only by these plain paths. */
export const paths = {
  home: '/',
  status: '/status',
  tenants: '/admin/tenants',
  people: '/admin/people',
  peopleImport: '/admin/people/import',
  audit: '/admin/audit',
  /** The homeserver's sign-on comes back here (see features/chat/matrix/ssoLogin.ts). */
  chatLogin: '/chat/anmeldung',
} as const;
