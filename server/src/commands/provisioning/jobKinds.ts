/** Names of the outbox jobs that make Keycloak and Synapse follow the desired state. */
export const jobKinds = {
  tenantProvision: 'tenant.provision',
  tenantArchive: 'tenant.archive',
  personProvision: 'person.provision',
  personDeactivate: 'person.deactivate',
  personReactivate: 'person.reactivate',
  roomSync: 'room.sync',
  roomNotice: 'room.notice',
} as const;
