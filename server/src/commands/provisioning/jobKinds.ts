/** Names of the outbox jobs that make Keycloak and Synapse follow the desired state. */
export const jobKinds = {
  tenantProvision: 'tenant.provision',
  tenantArchive: 'tenant.archive',
  personProvision: 'person.provision',
  personDeactivate: 'person.deactivate',
  personReactivate: 'person.reactivate',
  roomSync: 'room.sync',
  roomNotice: 'room.notice',
  /** A file version's PDF preview, made by LibreOffice (its own worker: conversions are slow). */
  libraryPreview: 'library.preview',
} as const;
