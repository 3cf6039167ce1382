/** Every page of the client. Features link to each other only by these plain paths. */
export const paths = {
  home: '/',
  status: '/status',
  tenants: '/admin/tenants',
  people: '/admin/people',
  peopleImport: '/admin/people/import',
  audit: '/admin/audit',
} as const;
