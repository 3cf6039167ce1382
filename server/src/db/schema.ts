import type { Generated, Kysely, Transaction } from 'kysely';
import type { ScanState } from '../domain/documents.js';
import type { RoomRole } from '../domain/room.js';
import type { PendingLogin, StoredSession } from '../domain/ports/sessions.js';

/** Times are stored as milliseconds since the epoch (bigint in PostgreSQL). */
export interface OutboxJobsTable {
  id: string;
  kind: string;
  payload: string;
  dedupe_key: string | null;
  coalesce_key: string | null;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: Generated<number>;
  max_attempts: number;
  run_at: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  /** JSON array of lower-case domain names. */
  email_domains: string;
  status: 'active' | 'archived';
  sync: 'pending' | 'done' | 'failed';
  sync_error: string | null;
  keycloak_org_id: string | null;
  matrix_space_id: string | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
}

export interface PeopleTable {
  id: string;
  tenant_id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  role: 'tenant-admin' | 'member' | 'guest';
  status: 'active' | 'deactivated';
  sync: 'pending' | 'done' | 'failed';
  sync_error: string | null;
  /** The identity provider's user id, known once the person exists there. */
  subject: string | null;
  matrix_user_id: string | null;
  /** 1 when the person's sign-in account holds the platform admin role. */
  platform_admin: Generated<number>;
  /** The language of the person's mail: 'de' or 'en'. */
  locale: Generated<'de' | 'en'>;
  /** When their last invitation went out (epoch ms). */
  invited_at: number | null;
  /** 1: the person gets the workspace's notices by e-mail; 0: turned off. */
  mail_notices: Generated<number>;
  /** A tenant guest's sponsor (people.id); null for everyone else. */
  sponsor_id: Generated<string | null>;
  /** When a tenant guest's access ends (epoch ms). */
  expires_at: Generated<number | null>;
  /** When the sponsor was told that the guest's access ends soon (epoch ms). */
  expiry_notice_at: Generated<number | null>;
  created_at: number;
  updated_at: number;
}

export interface AuditEventsTable {
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string;
  tenant_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  request_id: string | null;
  /** JSON object. */
  details: string;
}

/** A sign-in in progress, keyed by the SHA-256 hash of its `state`; lives 10 minutes. */
export type PendingLoginsTable = Omit<PendingLogin, 'second_factor'> & { second_factor: Generated<number> };

/** A signed-in browser. Tokens are encrypted (AES-256-GCM); the id is the SHA-256 hash of the cookie value. */
export type SessionsTable = Omit<StoredSession, 'second_factor'> & { second_factor: Generated<number> };

/** A chat device signed in during a workspace session: logged out at the homeserver when the session ends. */
export interface SessionChatDevicesTable {
  session_id: string;
  matrix_user_id: string;
  device_id: string;
  created_at: number;
}

/** A back-channel logout token acted on: SHA-256 of its issuer and `jti`, until the token would expire. */
export interface SeenLogoutTokensTable {
  id: string;
  expires_at: number;
}

export interface RoomsTable {
  id: string;
  tenant_id: string;
  name: string;
  topic: string;
  visibility: 'tenant' | 'private';
  status: 'active' | 'archived';
  sync: 'pending' | 'done' | 'failed';
  sync_error: string | null;
  matrix_room_id: string | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
}

export interface RoomMembersTable {
  room_id: string;
  person_id: string;
  /** One of the domain's room roles (domain/room.ts). */
  role: RoomRole;
  added_at: number;
}

export interface MeetingsTable {
  room_id: string;
  jitsi_room: string;
  started_at: number | null;
  created_at: number;
  /** The video system the meeting was last held on ('livekit' or 'jitsi'); null: none yet. */
  provider: string | null;
}

export interface MeetingParticipantsTable {
  room_id: string;
  person_id: string;
  display_name: string;
  /** 1 while in the meeting, 0 after leaving it. */
  present: number;
  joined_at: number;
}

export interface MeetingAdmissionsTable {
  id: string;
  tenant_id: string;
  room_id: string;
  link_id: string | null;
  person_id: string | null;
  display_name: string;
  /** 'waiting', 'admitted', 'declined' or 'withdrawn' (by the guest). */
  state: string;
  created_at: number;
  seen_at: number;
  decided_at: number | null;
  decided_by: string | null;
}

export interface ScheduledMeetingsTable {
  id: string;
  tenant_id: string;
  room_id: string;
  title: string;
  agenda: string | null;
  starts_at: number;
  duration_minutes: number;
  sequence: number;
  /** 'scheduled' or 'cancelled'. */
  status: string;
  created_by: string;
  created_at: number;
  updated_at: number;
  reminded_at: number | null;
}

export interface GuestLinksTable {
  id: string;
  tenant_id: string;
  room_id: string;
  name: string;
  /** SHA-256 (hex) of the link's secret. */
  token_hash: string;
  token_salt: string;
  created_by: string;
  created_by_name: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface TenantPoliciesTable {
  tenant_id: string;
  meetings: number;
  guests: number;
  recording: number;
  /** Null: the installation's default. */
  max_upload_bytes: number | null;
  updated_at: number;
  /** 1: everybody of the tenant needs a second factor, not only admins. */
  second_factor: Generated<number>;
  /** What happens to the documents an erased person created: 'handover' or 'delete' (ADR 0053). */
  erasure_documents: Generated<'handover' | 'delete'>;
}

/** An archive of a person's data, made by a job and kept until it expires (ADR 0053). */
export interface DataExportsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  requested_by: string;
  requested_by_name: string;
  state: 'pending' | 'ready' | 'failed' | 'expired';
  storage_key: string | null;
  size: number | null;
  error: string | null;
  created_at: number;
  ready_at: number | null;
  expires_at: number | null;
}

/** A person's erasure and, once every part has followed, its report (ADR 0053). */
export interface ErasuresTable {
  id: string;
  tenant_id: string;
  person_id: string;
  pseudonym: string;
  requested_by: string;
  requested_by_name: string;
  state: 'pending' | 'done';
  documents_rule: 'handover' | 'delete';
  /** JSON of the report. */
  report: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface DocumentEntriesTable {
  id: string;
  tenant_id: string;
  room_id: string;
  parent_id: string | null;
  kind: 'folder' | 'file' | 'text';
  name: string;
  current_version_id: string | null;
  size: number;
  content_type: string;
  created_by: string;
  created_by_name: string;
  created_at: number;
  updated_by: string;
  updated_by_name: string;
  updated_at: number;
  deleted_at: number | null;
  deleted_by: string | null;
}

export interface DocumentVersionsTable {
  id: string;
  entry_id: string;
  number: number;
  storage_key: string;
  size: number;
  content_type: string;
  sha256: string;
  created_by: string;
  created_by_name: string;
  created_at: number;
  preview_state: 'none' | 'pending' | 'ready' | 'failed';
  preview_key: string | null;
  preview_error: string | null;
  scan_state: ScanState;
  scan_signature: string | null;
}

export interface CollabDocumentsTable {
  entry_id: string;
  /** Y.encodeStateAsUpdate of the document. */
  state: Uint8Array;
  updated_at: number;
}

export interface Database {
  outbox_jobs: OutboxJobsTable;
  tenants: TenantsTable;
  people: PeopleTable;
  audit_events: AuditEventsTable;
  rooms: RoomsTable;
  room_members: RoomMembersTable;
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  guest_links: GuestLinksTable;
  meeting_admissions: MeetingAdmissionsTable;
  scheduled_meetings: ScheduledMeetingsTable;
  tenant_policies: TenantPoliciesTable;
  library_entries: DocumentEntriesTable;
  library_versions: DocumentVersionsTable;
  collab_documents: CollabDocumentsTable;
  data_exports: DataExportsTable;
  erasures: ErasuresTable;
  pending_logins: PendingLoginsTable;
  sessions: SessionsTable;
  seen_logout_tokens: SeenLogoutTokensTable;
  session_chat_devices: SessionChatDevicesTable;
}

/** The database, or a transaction on it: what a repository works through. */
export type Executor = Kysely<Database> | Transaction<Database>;
