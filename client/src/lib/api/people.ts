import {
  importOut,
  peopleList,
  personOut,
  type ImportReport,
  type ChatDeviceBinding,
  type NewPerson,
  type PeopleFilter,
  type PeopleList,
  type Person,
  type TenantRole,
} from '@arbeitsbereich/contract';
import { getJson, queryString, sendJson } from './http';
import { parseWith } from './parse';
import { tenantPath } from './tenants';

const parsePerson = (value: unknown): Person => parseWith(personOut, value);

const peoplePath = (tenantId: string): string => `${tenantPath(tenantId)}/people`;
const personPath = (tenantId: string, personId: string): string =>
  `${peoplePath(tenantId)}/${encodeURIComponent(personId)}`;

export async function listPeople(tenantId: string, filter: PeopleFilter, signal?: AbortSignal): Promise<PeopleList> {
  const path = `${peoplePath(tenantId)}${queryString({
    search: filter.search?.trim(),
    status: filter.status,
    guestsEndingWithinDays: filter.guestsEndingWithinDays,
    sponsorId: filter.sponsorId,
  })}`;
  return parseWith(peopleList, (await getJson(path, signal ? { signal } : {})).body);
}

export async function getPerson(tenantId: string, personId: string, signal?: AbortSignal): Promise<Person> {
  return parsePerson((await getJson(personPath(tenantId, personId), signal ? { signal } : {})).body);
}

/** PUT …/people/:personId/guest-term: a new end date for a tenant guest's access (ISO date-time). */
export async function extendGuestTerm(
  csrfToken: string,
  tenantId: string,
  personId: string,
  expiresAt: string,
): Promise<Person> {
  const path = `${personPath(tenantId, personId)}/guest-term`;
  return parsePerson((await sendJson('PUT', path, { csrfToken, body: { expiresAt } })).body);
}

/** PUT …/people/:personId/mail-notices: the signed-in person's own notices by e-mail, on or off. */
export async function setMailNotices(
  csrfToken: string,
  tenantId: string,
  personId: string,
  enabled: boolean,
): Promise<Person> {
  const path = `${personPath(tenantId, personId)}/mail-notices`;
  return parsePerson((await sendJson('PUT', path, { csrfToken, body: { enabled } })).body);
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
  return parseWith(importOut, body);
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

/** POST …/people/:personId/invitation: the invitation by e-mail goes out again. */
export async function sendInvitation(csrfToken: string, tenantId: string, personId: string): Promise<Person> {
  return parsePerson((await sendJson('POST', `${personPath(tenantId, personId)}/invitation`, { csrfToken })).body);
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
  const body: ChatDeviceBinding = { deviceId };
  await sendJson('POST', '/api/session/chat-devices', { csrfToken, body });
}
