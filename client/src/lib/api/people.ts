import { getJson, queryString, sendJson } from './http';
import { type Abilities, abilities, integer, list, oneOf, record, text } from './shape';
import { TENANT_ROLES, type TenantRole } from './session';
import { parseSync, type SyncInfo } from './sync';
import { tenantPath } from './tenants';

export const PERSON_STATUSES = ['active', 'deactivated'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export interface Person {
  id: string;
  tenantId: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  role: TenantRole;
  status: PersonStatus;
  sync: SyncInfo;
  createdAt: string;
  abilities: Abilities;
}

export interface PeopleList {
  people: Person[];
  /** What the caller may do in this tenant: person.create, person.import, audit.read, … */
  abilities: Abilities;
}

export interface PeopleFilter {
  search?: string;
  status?: PersonStatus;
}

export interface NewPerson {
  email: string;
  firstName: string;
  lastName: string;
  role: TenantRole;
  username?: string;
}

export const IMPORT_PROBLEM_FIELDS = ['email', 'firstName', 'lastName', 'role', 'username', 'file'] as const;
export type ImportProblemField = (typeof IMPORT_PROBLEM_FIELDS)[number];

export interface ImportProblem {
  line: number;
  field: ImportProblemField;
  code: string;
  value: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  problems: ImportProblem[];
  created: string[];
}

export function parsePerson(value: unknown): Person {
  const p = record(value);
  return {
    id: text(p.id),
    tenantId: text(p.tenantId),
    username: text(p.username),
    email: text(p.email),
    firstName: text(p.firstName),
    lastName: text(p.lastName),
    role: oneOf(TENANT_ROLES, p.role),
    status: oneOf(PERSON_STATUSES, p.status),
    sync: parseSync(p.sync),
    createdAt: text(p.createdAt),
    abilities: abilities(p.abilities),
  };
}

export function parseImportReport(value: unknown): ImportReport {
  const r = record(value);
  return {
    dryRun: r.dryRun === true,
    rows: integer(r.rows),
    valid: integer(r.valid),
    problems: list(r.problems, (item) => {
      const p = record(item);
      return {
        line: integer(p.line),
        field: oneOf(IMPORT_PROBLEM_FIELDS, p.field),
        code: text(p.code),
        value: typeof p.value === 'string' ? p.value : '',
      };
    }),
    created: list(r.created, text),
  };
}

const peoplePath = (tenantId: string): string => `${tenantPath(tenantId)}/people`;
const personPath = (tenantId: string, personId: string): string =>
  `${peoplePath(tenantId)}/${encodeURIComponent(personId)}`;

export async function listPeople(tenantId: string, filter: PeopleFilter, signal?: AbortSignal): Promise<PeopleList> {
  const path = `${peoplePath(tenantId)}${queryString({ search: filter.search?.trim(), status: filter.status })}`;
  const b = record((await getJson(path, signal ? { signal } : {})).body);
  return { people: list(b.people, parsePerson), abilities: abilities(b.abilities) };
}

export async function createPerson(csrfToken: string, tenantId: string, person: NewPerson): Promise<Person> {
  return parsePerson((await sendJson('POST', peoplePath(tenantId), { csrfToken, body: person })).body);
}

export async function importPeople(
  csrfToken: string,
  tenantId: string,
  csv: string,
  dryRun: boolean,
): Promise<ImportReport> {
  const { body } = await sendJson('POST', `${peoplePath(tenantId)}/import`, {
    csrfToken,
    body: { csv, dryRun },
    timeoutMs: 120_000,
  });
  return parseImportReport(body);
}

export async function changeRole(
  csrfToken: string,
  tenantId: string,
  personId: string,
  role: TenantRole,
): Promise<Person> {
  return parsePerson((await sendJson('PATCH', personPath(tenantId, personId), { csrfToken, body: { role } })).body);
}

export async function setPersonActive(
  csrfToken: string,
  tenantId: string,
  personId: string,
  active: boolean,
): Promise<Person> {
  const action = active ? 'reactivate' : 'deactivate';
  return parsePerson((await sendJson('POST', `${personPath(tenantId, personId)}/${action}`, { csrfToken })).body);
}

/**
 * DELETE …/people/:personId/chat-devices/:deviceId: signs out one of the
 * signed-in person's own chat devices (the server refuses anyone else's).
 */
export async function removeChatDevice(
  csrfToken: string,
  tenantId: string,
  personId: string,
  deviceId: string,
): Promise<void> {
  await sendJson('DELETE', `${personPath(tenantId, personId)}/chat-devices/${encodeURIComponent(deviceId)}`, {
    csrfToken,
  });
}

/**
 * POST /api/session/chat-devices: ties this browser's chat device to the workspace session, so
 * that the server logs the device out when the session ends (the server refuses a device that is
 * not the person's own).
 */
export async function bindChatDevice(csrfToken: string, deviceId: string): Promise<void> {
  await sendJson('POST', '/api/session/chat-devices', { csrfToken, body: { deviceId } });
}
