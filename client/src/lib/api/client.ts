import {
  type AuditPage,
  type AuditQuery,
  type GuestLink,
  type ImportReport,
  type MeetingEventKind,
  type MeetingInfo,
  type GuestWaiting,
  type MeetingTicket,
  type NewGuestLink,
  type NewPerson,
  type NewRoom,
  type NewTenant,
  type PeopleFilter,
  type PeopleList,
  type Person,
  type Room,
  type RoomChanges,
  type RoomList,
  type RoomMember,
  type RoomRole,
  type RunningMeetingList,
  type Tenant,
  type TenantList,
  type TenantPolicy,
  type TenantPolicyChanges,
  type TenantRole,
} from '@arbeitsbereich/contract';
import { type AuditScope, readAudit } from './audit';
import {
  bindChatDevice,
  changeRole,
  createPerson,
  extendGuestTerm,
  importPeople,
  listPeople,
  removeChatDevice,
  setPersonActive,
  sendInvitation,
  getPerson,
  setMailNotices,
} from './people';
import {
  createGuestLink,
  getMeeting,
  listRunningMeetings,
  getTenantPolicy,
  listGuestLinks,
  putTenantPolicy,
  reportMeetingEvent,
  requestMeetingTicket,
  revokeGuestLink,
  decideAdmission,
  withdrawAdmission,
} from './meetings';
import { createScheduleApi, type ScheduleApi } from './schedule';
import {
  archiveRoom,
  createRoom,
  getRoom,
  joinRoom,
  listRoomMembers,
  listRooms,
  putRoomMember,
  removeRoomMember,
  updateRoom,
} from './rooms';
import { type DocumentsApi, createDocumentsApi } from './documents';
import { type PrivacyApi, createPrivacyApi } from './privacy';
import { archiveTenant, createTenant, listTenants } from './tenants';

/** The workspace API for one session: every write carries that session's CSRF token. */
export interface ApiClient {
  listTenants(signal?: AbortSignal): Promise<TenantList>;
  createTenant(tenant: NewTenant): Promise<Tenant>;
  archiveTenant(tenantId: string): Promise<Tenant>;
  listPeople(tenantId: string, filter: PeopleFilter, signal?: AbortSignal): Promise<PeopleList>;
  createPerson(tenantId: string, person: NewPerson): Promise<Person>;
  importPeople(tenantId: string, csv: string, dryRun: boolean): Promise<ImportReport>;
  changeRole(tenantId: string, personId: string, role: TenantRole): Promise<Person>;
  setPersonActive(tenantId: string, personId: string, active: boolean): Promise<Person>;
  getPerson(tenantId: string, personId: string, signal?: AbortSignal): Promise<Person>;
  /** The signed-in person's own notices by e-mail, on or off. */
  setMailNotices(tenantId: string, personId: string, enabled: boolean): Promise<Person>;
  /** Sends the person's invitation by e-mail again. */
  sendInvitation(tenantId: string, personId: string): Promise<Person>;
  /** A new end date (ISO date-time) for a tenant guest's access. */
  extendGuestTerm(tenantId: string, personId: string, expiresAt: string): Promise<Person>;
  /** Signs out one of the signed-in person's own chat devices. */
  removeChatDevice(tenantId: string, personId: string, deviceId: string): Promise<void>;
  /** Ties this browser's chat device to the session: the server logs it out when the session ends. */
  bindChatDevice(deviceId: string): Promise<void>;
  readAudit(scope: AuditScope, query: AuditQuery, signal?: AbortSignal): Promise<AuditPage>;
  listRooms(tenantId: string, signal?: AbortSignal): Promise<RoomList>;
  createRoom(tenantId: string, room: NewRoom): Promise<Room>;
  getRoom(tenantId: string, roomId: string, signal?: AbortSignal): Promise<Room>;
  updateRoom(tenantId: string, roomId: string, changes: RoomChanges): Promise<Room>;
  archiveRoom(tenantId: string, roomId: string): Promise<Room>;
  listRoomMembers(tenantId: string, roomId: string, signal?: AbortSignal): Promise<RoomMember[]>;
  putRoomMember(tenantId: string, roomId: string, personId: string, role: RoomRole): Promise<void>;
  removeRoomMember(tenantId: string, roomId: string, personId: string): Promise<void>;
  joinRoom(tenantId: string, roomId: string): Promise<Room>;
  getMeeting(tenantId: string, roomId: string, signal?: AbortSignal): Promise<MeetingInfo>;
  listRunningMeetings(tenantId: string, signal?: AbortSignal): Promise<RunningMeetingList>;
  requestMeetingTicket(tenantId: string, roomId: string, admissionId?: string): Promise<MeetingTicket | GuestWaiting>;
  reportMeetingEvent(tenantId: string, roomId: string, kind: MeetingEventKind, keepalive?: boolean): Promise<void>;
  listGuestLinks(tenantId: string, roomId: string, signal?: AbortSignal): Promise<GuestLink[]>;
  createGuestLink(tenantId: string, roomId: string, link: NewGuestLink): Promise<GuestLink>;
  revokeGuestLink(tenantId: string, roomId: string, linkId: string): Promise<void>;
  decideAdmission(tenantId: string, roomId: string, admissionId: string, admit: boolean): Promise<void>;
  /** A guest of the room stops waiting to be let in. */
  withdrawAdmission(tenantId: string, roomId: string, admissionId: string): Promise<void>;
  getTenantPolicy(tenantId: string, signal?: AbortSignal): Promise<TenantPolicy>;
  putTenantPolicy(tenantId: string, policy: TenantPolicyChanges): Promise<TenantPolicy>;
  /** A room's documents: folders, files, text documents, trash and versions. */
  documents: DocumentsApi;
  /** A room's planned meetings (ADR 0052). */
  schedule: ScheduleApi;
  /** A person's export and erasure (GDPR). */
  privacy: PrivacyApi;
}

export function createApiClient(csrfToken: string): ApiClient {
  return {
    listTenants: (signal) => listTenants(signal),
    createTenant: (tenant) => createTenant(csrfToken, tenant),
    archiveTenant: (tenantId) => archiveTenant(csrfToken, tenantId),
    listPeople: (tenantId, filter, signal) => listPeople(tenantId, filter, signal),
    createPerson: (tenantId, person) => createPerson(csrfToken, tenantId, person),
    importPeople: (tenantId, csv, dryRun) => importPeople(csrfToken, tenantId, csv, dryRun),
    changeRole: (tenantId, personId, role) => changeRole(csrfToken, tenantId, personId, role),
    setPersonActive: (tenantId, personId, active) => setPersonActive(csrfToken, tenantId, personId, active),
    sendInvitation: (tenantId, personId) => sendInvitation(csrfToken, tenantId, personId),
    extendGuestTerm: (tenantId, personId, expiresAt) => extendGuestTerm(csrfToken, tenantId, personId, expiresAt),
    getPerson: (tenantId, personId, signal) => getPerson(tenantId, personId, signal),
    setMailNotices: (tenantId, personId, enabled) => setMailNotices(csrfToken, tenantId, personId, enabled),
    removeChatDevice: (tenantId, personId, deviceId) => removeChatDevice(csrfToken, tenantId, personId, deviceId),
    bindChatDevice: (deviceId) => bindChatDevice(csrfToken, deviceId),
    readAudit: (scope, query, signal) => readAudit(scope, query, signal),
    listRooms: (tenantId, signal) => listRooms(tenantId, signal),
    createRoom: (tenantId, room) => createRoom(csrfToken, tenantId, room),
    getRoom: (tenantId, roomId, signal) => getRoom(tenantId, roomId, signal),
    updateRoom: (tenantId, roomId, changes) => updateRoom(csrfToken, tenantId, roomId, changes),
    archiveRoom: (tenantId, roomId) => archiveRoom(csrfToken, tenantId, roomId),
    listRoomMembers: (tenantId, roomId, signal) => listRoomMembers(tenantId, roomId, signal),
    putRoomMember: (tenantId, roomId, personId, role) => putRoomMember(csrfToken, tenantId, roomId, personId, role),
    removeRoomMember: (tenantId, roomId, personId) => removeRoomMember(csrfToken, tenantId, roomId, personId),
    joinRoom: (tenantId, roomId) => joinRoom(csrfToken, tenantId, roomId),
    getMeeting: (tenantId, roomId, signal) => getMeeting(tenantId, roomId, signal),
    listRunningMeetings: (tenantId, signal) => listRunningMeetings(tenantId, signal),
    requestMeetingTicket: (tenantId, roomId, admissionId) =>
      requestMeetingTicket(csrfToken, tenantId, roomId, admissionId),
    reportMeetingEvent: (tenantId, roomId, kind, keepalive = false) =>
      reportMeetingEvent(csrfToken, tenantId, roomId, kind, { keepalive }),
    listGuestLinks: (tenantId, roomId, signal) => listGuestLinks(tenantId, roomId, signal),
    createGuestLink: (tenantId, roomId, link) => createGuestLink(csrfToken, tenantId, roomId, link),
    revokeGuestLink: (tenantId, roomId, linkId) => revokeGuestLink(csrfToken, tenantId, roomId, linkId),
    decideAdmission: (tenantId, roomId, admissionId, admit) =>
      decideAdmission(csrfToken, tenantId, roomId, admissionId, admit),
    withdrawAdmission: (tenantId, roomId, admissionId) => withdrawAdmission(csrfToken, tenantId, roomId, admissionId),
    getTenantPolicy: (tenantId, signal) => getTenantPolicy(tenantId, signal),
    putTenantPolicy: (tenantId, policy) => putTenantPolicy(csrfToken, tenantId, policy),
    documents: createDocumentsApi(csrfToken),
    schedule: createScheduleApi(csrfToken),
    privacy: createPrivacyApi(csrfToken),
  };
}
