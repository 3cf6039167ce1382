import type { TenantRole } from '../actor.js';
import type { AuditEntry, AuditOutcome } from '../audit.js';
import type { JobInput, JobKind } from '../jobs/catalog.js';
import type { WorkspaceEvent } from './notifier.js';
import type { GuestTerm, Person, PersonLocale } from '../person.js';
import type { SyncState, Tenant } from '../tenant.js';
import type { Room, RoomMember, RoomRole, RoomVisibility } from '../room.js';
import type { GuestLink, MeetingAdmission, MeetingParticipant, TenantPolicy } from '../meeting.js';
import type { ScheduledMeeting } from '../scheduledMeeting.js';
import type { MeetingProvider } from './meetings.js';
import type { DocumentEntry, DocumentVersion, PreviewState, ScanState } from '../documents.js';
import type { DataExport, Erasure, ErasureDocumentsRule, ErasureReport } from '../privacy.js';

/** What the repositories of tenants, people and rooms share: add one, find one, record how its sync went. */
interface SyncedRepository<T, New> {
  insert(record: New, now: number): Promise<void>;
  findById(id: string): Promise<T | undefined>;
  setSync(id: string, sync: SyncState, error: string | null, now: number): Promise<void>;
}

/** The ids an object has in the systems that follow it (Keycloak, Matrix), null until made. */
interface LinkedRepository<L> {
  links(id: string): Promise<L | undefined>;
  setLinks(id: string, links: Partial<L>, now: number): Promise<void>;
}

export type NewTenant = Pick<Tenant, 'id' | 'slug' | 'name' | 'emailDomains'>;

export interface TenantLinks {
  keycloakOrgId: string | null;
  matrixSpaceId: string | null;
}

export interface TenantRepository extends SyncedRepository<Tenant, NewTenant>, LinkedRepository<TenantLinks> {
  findBySlug(slug: string): Promise<Tenant | undefined>;
  list(filter: { ids?: string[] }): Promise<Tenant[]>;
  archive(id: string, now: number): Promise<void>;
}

export type NewPerson = Pick<Person, 'id' | 'tenantId' | 'username' | 'email' | 'firstName' | 'lastName' | 'role'> & {
  /** German unless given. */
  locale?: PersonLocale;
};

export interface PersonLinks {
  subject: string | null;
  matrixUserId: string | null;
}

export interface PeopleListFilter {
  search?: string;
  status?: Person['status'];
  /** Only tenant guests whose access ends by this moment (epoch ms). */
  guestsEndingBy?: number;
  /** Only the guests this person sponsors. */
  sponsorId?: string;
}

export interface PeopleRepository extends SyncedRepository<Person, NewPerson>, LinkedRepository<PersonLinks> {
  list(tenantId: string, filter?: PeopleListFilter): Promise<Person[]>;
  /** Which of these e-mail addresses or usernames are taken (case-insensitive), anywhere. */
  taken(emails: string[], usernames: string[]): Promise<{ emails: Set<string>; usernames: Set<string> }>;
  setRole(id: string, role: TenantRole, now: number): Promise<void>;
  setStatus(id: string, status: Person['status'], now: number): Promise<void>;
  /** Records whether the person's sign-in account holds the platform admin role. */
  setPlatformAdmin(id: string, platformAdmin: boolean, now: number): Promise<void>;
  /** Whether the person gets the workspace's notices by e-mail. */
  setMailNotices(id: string, enabled: boolean, now: number): Promise<void>;
  /** Records when the person's invitation went out. */
  setInvitedAt(id: string, invitedAt: number): Promise<void>;
  /** A tenant guest's sponsor and end date, or null when the person is no tenant guest (ADR 0050). */
  setGuestTerm(id: string, term: GuestTerm | null, now: number): Promise<void>;
  /** Active guests of every tenant whose access ends by `horizon` (epoch ms), soonest first. */
  guestsEndingBy(horizon: number): Promise<Person[]>;
}

export type NewRoom = Pick<Room, 'id' | 'tenantId' | 'name' | 'topic' | 'visibility'>;

export interface RoomRepository extends SyncedRepository<Room, NewRoom> {
  /** Rooms of a tenant; with `visibleTo`, only those the person belongs to or that are open to the tenant. */
  list(
    tenantId: string,
    filter?: { visibleTo?: string; memberOnly?: boolean; includeArchived?: boolean },
  ): Promise<Room[]>;
  listActive(): Promise<Room[]>;
  update(
    id: string,
    changes: { name?: string; topic?: string; visibility?: RoomVisibility },
    now: number,
  ): Promise<void>;
  archive(id: string, now: number): Promise<void>;
  matrixRoomId(id: string): Promise<string | null>;
  setMatrixRoomId(id: string, matrixRoomId: string, now: number): Promise<void>;
  members(roomId: string): Promise<RoomMember[]>;
  memberRole(roomId: string, personId: string): Promise<RoomRole | null>;
  /** Sets a member's role, adding them if needed. */
  putMember(roomId: string, personId: string, role: RoomRole, now: number): Promise<void>;
  removeMember(roomId: string, personId: string): Promise<boolean>;
  /** Rooms a person belongs to (for removing them everywhere). */
  roomsOf(personId: string): Promise<string[]>;
}

export interface MeetingRepository {
  /** The video system's name of the room's meeting, made (from `candidate`) the first time. */
  ensureRoomName(roomId: string, candidate: string, now: number): Promise<string>;
  roomName(roomId: string): Promise<string | undefined>;
  /** Records the video system the room's meeting is held on (a token for it was just minted). */
  heldOn(roomId: string, provider: MeetingProvider): Promise<void>;
  /** The video system the room's meeting was last held on; null if none yet. */
  providerOf(roomId: string): Promise<MeetingProvider | null>;
  /** The room whose meeting has this name in the video system. */
  roomOfMeeting(meetingName: string): Promise<string | undefined>;
  startedAt(roomId: string): Promise<number | null>;
  setStartedAt(roomId: string, startedAt: number | null): Promise<void>;
  /** Everyone who has been in the running meeting, in the order they first joined. */
  participants(roomId: string): Promise<MeetingParticipant[]>;
  /** Marks the person present, keeping when they first joined. */
  putPresent(roomId: string, personId: string, displayName: string, now: number): Promise<void>;
  /** Marks the person gone; false if they were not present. */
  markLeft(roomId: string, personId: string): Promise<boolean>;
  clearParticipants(roomId: string): Promise<void>;
  policy(tenantId: string): Promise<TenantPolicy>;
  setPolicy(tenantId: string, policy: TenantPolicy, now: number): Promise<void>;
  insertGuestLink(link: GuestLink & { tokenHash: string }): Promise<void>;
  guestLinks(roomId: string): Promise<GuestLink[]>;
  guestLink(id: string): Promise<GuestLink | undefined>;
  guestLinkByTokenHash(tokenHash: string): Promise<GuestLink | undefined>;
  revokeGuestLink(id: string, now: number): Promise<void>;
  insertAdmission(admission: MeetingAdmission): Promise<void>;
  admission(id: string): Promise<MeetingAdmission | undefined>;
  /** The room's requests still waiting whose guest asked after `seenSince`, oldest first. */
  waitingAdmissions(roomId: string, seenSince: number): Promise<MeetingAdmission[]>;
  /** The room guest's own request that still waits (asked after `seenSince`), if any. */
  waitingAdmissionOf(roomId: string, personId: string, seenSince: number): Promise<MeetingAdmission | undefined>;
  /** Notes that the guest asked again (at most one write in ten seconds). */
  touchAdmission(id: string, now: number): Promise<void>;
  /** Admits or declines a waiting request; false if it was no longer waiting (another moderator was first). */
  decideAdmission(id: string, state: 'admitted' | 'declined', decidedBy: string, now: number): Promise<boolean>;
  /** The guest withdraws their waiting request; false if it was no longer waiting. */
  withdrawAdmission(id: string, now: number): Promise<boolean>;
}

/** Meetings planned in rooms (ADR 0052). */
export interface ScheduleRepository {
  insert(meeting: ScheduledMeeting): Promise<void>;
  find(id: string): Promise<ScheduledMeeting | undefined>;
  /** The room's planned meetings (not cancelled) that end after `after`, by start. */
  endingAfter(roomId: string, after: number): Promise<ScheduledMeeting[]>;
  /** Planned meetings of every room, not reminded yet, that start after `from` and by `to`. */
  startingBetween(from: number, to: number): Promise<ScheduledMeeting[]>;
  /**
   * Writes a change (or the cancellation) as the next sequence; false if the meeting is no longer
   * at `expectedSequence` (someone else changed it first).
   */
  change(
    id: string,
    expectedSequence: number,
    change: Pick<
      ScheduledMeeting,
      'title' | 'agenda' | 'startsAt' | 'durationMinutes' | 'status' | 'updatedAt' | 'remindedAt'
    >,
  ): Promise<boolean>;
  /** Marks the chat reminded of this start; false if it was already (another pass, another replica). */
  claimReminder(id: string, startsAt: number, now: number): Promise<boolean>;
}

export type NewDocumentEntry = Omit<DocumentEntry, 'deletedAt' | 'deletedBy'>;
export type NewDocumentVersion = Omit<
  DocumentVersion,
  'preview' | 'previewKey' | 'previewError' | 'scan' | 'scanSignature'
> & {
  preview: PreviewState;
  /** 'pending' where a scanner will look at it, 'none' where nothing is scanned. */
  scan: Extract<ScanState, 'pending' | 'none'>;
};

export interface DocumentRepository {
  insertEntry(entry: NewDocumentEntry): Promise<void>;
  findEntry(id: string): Promise<DocumentEntry | undefined>;
  /** Live entries of a folder (null: top level), folders first, then by name. */
  listFolder(roomId: string, parentId: string | null): Promise<DocumentEntry[]>;
  /** Entries in the room's trash, newest deletion first (only those deleted themselves, not their contents). */
  listTrash(roomId: string): Promise<DocumentEntry[]>;
  /** Every live entry of the room (for searching, moving checks and exports). */
  listRoom(roomId: string): Promise<DocumentEntry[]>;
  /** The live entry of that name in that folder (case-insensitive). */
  findLiveByName(roomId: string, parentId: string | null, name: string): Promise<DocumentEntry | undefined>;
  updateEntry(
    id: string,
    changes: Partial<
      Pick<
        DocumentEntry,
        'name' | 'parentId' | 'currentVersionId' | 'size' | 'contentType' | 'updatedBy' | 'updatedByName' | 'updatedAt'
      >
    >,
  ): Promise<void>;
  /** Moves into the trash (`deletedAt` set) or back out of it (null). */
  setDeleted(id: string, deletedAt: number | null, deletedBy: string | null): Promise<void>;
  /** Removes the entry and its versions' rows for good (their objects are the caller's to delete). */
  purgeEntry(id: string): Promise<void>;
  insertVersion(version: NewDocumentVersion): Promise<void>;
  /** Newest first. */
  versions(entryId: string): Promise<DocumentVersion[]>;
  findVersion(id: string): Promise<DocumentVersion | undefined>;
  /** Several versions by id at once (listings); ids without a version are left out. */
  findVersions(ids: string[]): Promise<DocumentVersion[]>;
  /** The next version number of an entry. */
  nextVersionNumber(entryId: string): Promise<number>;
  setPreview(versionId: string, state: PreviewState, key: string | null, error: string | null): Promise<void>;
  /** The scan's outcome (ADR 0055), with the matched signature of an infected version. */
  setScan(versionId: string, state: ScanState, signature: string | null): Promise<void>;
  /** Whether any version (or preview) refers to the storage key. */
  refersTo(storageKey: string): Promise<boolean>;
  /** Bytes of all versions of all entries of a tenant, trash included. */
  usedBytes(tenantId: string): Promise<number>;
  /** The tenant's largest upload, or null for the installation's default. */
  maxUploadBytes(tenantId: string): Promise<number | null>;
  setMaxUploadBytes(tenantId: string, bytes: number | null, now: number): Promise<void>;
}

/** A document that holds a person's work: one they created, or one they added versions to. */
export interface PersonalDocument {
  entry: DocumentEntry;
  /** They created it (it is theirs); otherwise only the listed versions are. */
  createdByThem: boolean;
  /** Oldest first: all versions of a document they created, else only theirs. */
  versions: DocumentVersion[];
}

/** A person's exports and erasures, and what an erasure rewrites (ADR 0053). */
export interface PrivacyRepository {
  insertExport(e: DataExport): Promise<void>;
  findExport(id: string): Promise<DataExport | undefined>;
  /** The person's latest exports, newest first. */
  exportsOf(personId: string): Promise<DataExport[]>;
  finishExport(
    id: string,
    result: Pick<DataExport, 'state'> &
      Partial<Pick<DataExport, 'storageKey' | 'size' | 'error' | 'readyAt' | 'expiresAt'>>,
  ): Promise<void>;
  /** Finished archives whose time is up. */
  expiredExports(now: number): Promise<DataExport[]>;
  insertErasure(e: Omit<Erasure, 'report' | 'finishedAt'>): Promise<void>;
  findErasure(id: string): Promise<Erasure | undefined>;
  erasureOf(personId: string): Promise<Erasure | undefined>;
  /** The tenant's erasures, newest first. */
  erasures(tenantId: string): Promise<Erasure[]>;
  finishErasure(id: string, report: ErasureReport, now: number): Promise<void>;
  /** What happens to the documents an erased person created. */
  documentsRule(tenantId: string): Promise<ErasureDocumentsRule>;
  setDocumentsRule(tenantId: string, rule: ErasureDocumentsRule, now: number): Promise<void>;
  /** Audit entries whose actor or target is one of these ids, oldest first. */
  auditAbout(ids: string[], limit: number): Promise<AuditEntry[]>;
  /**
   * Replaces the person in the audit log: as actor or target (any of `ids`) and wherever one of
   * `identifiers` is written; every entry stays. Returns how many entries changed.
   */
  pseudonymiseAudit(ids: string[], identifiers: string[], pseudonym: string): Promise<number>;
  /**
   * The documents the person created (files and text documents, trash included) with all their
   * versions, and the documents of others with the versions the person added.
   */
  documentsOf(personId: string): Promise<PersonalDocument[]>;
  /** The document now belongs to `to` (a person of its room or tenant). */
  handOverEntry(entryId: string, to: { id: string; name: string }): Promise<void>;
  /** Every name of the person written on documents and versions becomes the pseudonym; returns how many. */
  pseudonymiseDocuments(personId: string, pseudonym: string): Promise<number>;
  /** Removes a text document's stored editing state (its entry is purged). */
  forgetTextState(entryId: string): Promise<void>;
  /**
   * Empties the person's row of everything personal, removes their room memberships, meeting
   * presence and sessions; returns how many of each.
   */
  erasePerson(
    personId: string,
    subject: string | null,
    pseudonym: string,
    now: number,
  ): Promise<{ roomMemberships: number; meetingRecords: number; sessions: number }>;
}

/** An entry to append: its id and time are given by the log. */
export type NewAudit = Omit<AuditEntry, 'id' | 'at' | 'details'> & { details?: Record<string, unknown> };

export interface AuditLog {
  append(entry: NewAudit): Promise<void>;
}

export interface AuditQuery {
  /** One tenant; undefined: all tenants. */
  tenantId?: string;
  action?: string;
  actorId?: string;
  outcome?: AuditOutcome;
  from?: number;
  to?: number;
  /** Entries older than this cursor, newest first. */
  before?: { at: number; id: string };
  limit: number;
}

/** Retention: the only removal of audit entries there is (no API can delete one). */
export interface AuditRetention {
  /** Removes entries older than `cutoff`; returns how many. */
  purgeBefore(cutoff: number): Promise<number>;
}

export interface AuditReader {
  query(q: AuditQuery): Promise<AuditEntry[]>;
}

/** A chat device of a person, tied to the workspace session it was signed in from (ADR 0029). */
export interface SessionChatDevice {
  sessionId: string;
  matrixUserId: string;
  deviceId: string;
}

export interface SessionDeviceRepository {
  /**
   * Ties a chat device to a workspace session: when the session ends, however it ends, the device
   * is logged out at the homeserver. `bound`: newly tied; `unchanged`: it was tied already;
   * `no-session`: the session has ended (the caller logs the device out itself).
   */
  bindChatDevice(device: SessionChatDevice, now: number): Promise<'bound' | 'unchanged' | 'no-session'>;
  /** The chat devices tied to any of these sessions. */
  chatDevicesOf(sessionIds: string[]): Promise<SessionChatDevice[]>;
  /** Removes the sessions and the ties of their chat devices (the caller logs the devices out). */
  remove(sessionIds: string[]): Promise<void>;
}

export interface Outbox {
  /** Queues a job of the catalog (domain/jobs) with its kind's payload. */
  enqueue<K extends JobKind>(job: JobInput<K>): Promise<string>;
}

/** Everything a command may change, inside one transaction. */
export interface StoreTx {
  tenants: TenantRepository;
  people: PeopleRepository;
  rooms: RoomRepository;
  meetings: MeetingRepository;
  schedule: ScheduleRepository;
  documents: DocumentRepository;
  sessions: SessionDeviceRepository;
  privacy: PrivacyRepository;
  audit: AuditLog;
  outbox: Outbox;
  /** Tells people's clients about the change once the transaction has committed (never if it rolls back). */
  notify(event: WorkspaceEvent): void;
}

type TenantReads = 'findById' | 'findBySlug' | 'list' | 'links';
type PeopleReads = 'findById' | 'list' | 'taken' | 'links' | 'guestsEndingBy';
type RoomReads = 'findById' | 'list' | 'listActive' | 'matrixRoomId' | 'members' | 'memberRole' | 'roomsOf';
type MeetingReads =
  | 'roomName'
  | 'providerOf'
  | 'roomOfMeeting'
  | 'startedAt'
  | 'participants'
  | 'policy'
  | 'guestLinks'
  | 'guestLink'
  | 'guestLinkByTokenHash'
  | 'admission'
  | 'waitingAdmissions'
  | 'waitingAdmissionOf';
type ScheduleReads = 'find' | 'endingAfter' | 'startingBetween';
type PrivacyReads =
  | 'findExport'
  | 'exportsOf'
  | 'expiredExports'
  | 'findErasure'
  | 'erasureOf'
  | 'erasures'
  | 'documentsRule'
  | 'auditAbout'
  | 'documentsOf';
type DocumentReads =
  | 'findEntry'
  | 'listFolder'
  | 'listTrash'
  | 'listRoom'
  | 'findLiveByName'
  | 'versions'
  | 'findVersion'
  | 'findVersions'
  | 'nextVersionNumber'
  | 'refersTo'
  | 'usedBytes'
  | 'maxUploadBytes';

/** The desired state as it reads: no method of it changes anything. */
export interface StoreReader {
  tenants: Pick<TenantRepository, TenantReads>;
  people: Pick<PeopleRepository, PeopleReads>;
  rooms: Pick<RoomRepository, RoomReads>;
  meetings: Pick<MeetingRepository, MeetingReads>;
  schedule: Pick<ScheduleRepository, ScheduleReads>;
  documents: Pick<DocumentRepository, DocumentReads>;
  privacy: Pick<PrivacyRepository, PrivacyReads>;
  audit: AuditReader;
}

/**
 * Changes outside a transaction, each on its own: for jobs that record what an outside system
 * did (sync states, links, previews) where nothing else has to commit with it.
 */
export interface StoreWriter {
  tenants: Omit<TenantRepository, TenantReads>;
  people: Omit<PeopleRepository, PeopleReads>;
  rooms: Omit<RoomRepository, RoomReads>;
  meetings: Omit<MeetingRepository, MeetingReads>;
  schedule: Omit<ScheduleRepository, ScheduleReads>;
  documents: Omit<DocumentRepository, DocumentReads>;
  privacy: Omit<PrivacyRepository, PrivacyReads>;
}

/**
 * The desired state. `transaction` commits the domain change, its audit entry
 * and its outbox jobs together, or none of them.
 */
export interface Store {
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Reads outside a transaction. */
  read: StoreReader;
  /** Single changes outside a transaction (no outbox jobs, no audit, no notifications). */
  write: StoreWriter;
}

export type { AuditEntry };
