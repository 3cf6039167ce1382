import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { insertEntry } from '../support/documentFixtures.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import {
  eventually,
  json,
  provisionedTenantWithAdmin,
  type PersonBody,
  type TenantBody,
} from '../support/tenantsApi.js';

// Every API route × every kind of caller, with the exact status each gets.
// 2xx means allowed; 404 for another tenant's objects (they must not even be
// confirmed to exist); 403 for objects the caller may see but not change.
type Role = 'anonymous' | 'guest' | 'member' | 'tenantAdmin' | 'otherTenantAdmin' | 'platformAdmin';
const roles: Role[] = ['anonymous', 'guest', 'member', 'tenantAdmin', 'otherTenantAdmin', 'platformAdmin'];

interface Case {
  /** "METHOD /api/path" as in the OpenAPI document. */
  route: string;
  request: (ids: Ids, role: Role) => { path: string; method: string; body?: unknown; raw?: string };
  expect: Record<Role, number>;
}

interface Ids {
  tenantA: string;
  tenantB: string;
  tenantToArchive: string;
  colleague: string;
  guestSelf: string;
  /** A person per role that may change them, so each allowed call meets the state it needs. */
  target: Record<Role, string>;
  reactivateTarget: Record<Role, string>;
  /** Private room owned by the platform admin (a person of tenant A); the guest is a room guest, the member is not in it. */
  roomR: string;
  /** Room open to the tenant, owned by the tenant admin. */
  roomO: string;
  archiveRoom: Record<Role, string>;
  /** Person added to room R. */
  joiner: string;
  /** A member of room R per role that may remove them. */
  leaver: Record<Role, string>;
  /** A guest link of room R per role that may revoke it. */
  guestLink: Record<Role, string>;
  /** The secret of a valid guest link of room R. */
  guestSecret: string;
  /** A link guest's request to enter room R's meeting, still waiting. */
  admission: string;
  /** Another link guest's request by the link of `guestSecret`, for the guest to withdraw. */
  withdrawal: string;
  /** The room guest's own request to enter room R's meeting. */
  ownAdmission: string;
  /** Meetings planned in room R: one to change, one to cancel. */
  planned: { change: string; cancel: string };
  /** Room R's library: a folder, a file (with its first version), one entry to delete, two in the trash. */
  lib: {
    folder: string;
    file: string;
    version: string;
    toDelete: string;
    toRestore: string;
    toPurge: string;
    /** A collaborative text document, and its first version. */
    text: string;
    textVersion: string;
  };
  /** A file in room R's library whose preview is still being made. */
  fileR: string;
  /** A person per role that may erase them (ADR 0053), named `e<role> Ziel`. */
  eraseTarget: Record<Role, string>;
  /** A ready export of the guest's own data, and a finished erasure of tenant A. */
  exportId: string;
  erasureId: string;
}

const all = (status: number): Record<Role, number> => ({
  anonymous: 401,
  guest: status,
  member: status,
  tenantAdmin: status,
  otherTenantAdmin: status,
  platformAdmin: status,
});

const schedule = (ids: Ids, rest = '') => `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/scheduled-meetings${rest}`;
/** A meeting planned for tomorrow. */
const plan = () => ({
  title: 'Matrixrunde',
  startsAt: new Date(Date.now() + 86_400_000).toISOString(),
  durationMinutes: 30,
});
const library = (ids: Ids, rest = '') => `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/documents${rest}`;
// Room R's documents: its guest reads, its owner (the platform admin) writes; the tenant admin sees the room, not its documents.
const readsR = { ...all(200), member: 404, tenantAdmin: 403, otherTenantAdmin: 404 };
const writesR = (status: number) => ({ ...all(403), member: 404, otherTenantAdmin: 404, platformAdmin: status });

const cases: Case[] = [
  {
    route: 'GET /api/tenants',
    request: () => ({ method: 'GET', path: '/api/tenants' }),
    expect: all(200),
  },
  {
    route: 'POST /api/tenants',
    request: () => {
      const slug = `m-${randomBytes(3).toString('hex')}`;
      return {
        method: 'POST',
        path: '/api/tenants',
        body: {
          slug,
          name: `Matrix ${slug}`,
          emailDomains: [`${slug}.example`],
          firstAdmin: { email: `chef@${slug}.example`, username: `chef.${slug}`, firstName: 'C', lastName: 'Chef' },
        },
      };
    },
    expect: { ...all(403), platformAdmin: 201 },
  },
  {
    route: 'GET /api/tenants/{tenantId}',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}` }),
    expect: { ...all(200), otherTenantAdmin: 404 },
  },
  {
    route: 'DELETE /api/tenants/{tenantId}',
    request: (ids) => ({ method: 'DELETE', path: `/api/tenants/${ids.tenantToArchive}` }),
    // The tenant to archive is foreign to everyone but the platform admin.
    expect: { ...all(404), platformAdmin: 200 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/people',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/people` }),
    expect: { ...all(200), guest: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/people',
    request: (ids) => {
      const local = `p${randomBytes(4).toString('hex')}`;
      return {
        method: 'POST',
        path: `/api/tenants/${ids.tenantA}/people`,
        body: { email: `${local}@demo.example`, firstName: 'Paul', lastName: 'Probe', role: 'member' },
      };
    },
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 201, platformAdmin: 201 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/people/import',
    request: (ids) => ({
      method: 'POST',
      path: `/api/tenants/${ids.tenantA}/people/import`,
      body: { csv: 'email,firstName,lastName\nx@demo.example,X,Y\n', dryRun: true },
    }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200, platformAdmin: 200 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/people/{personId}',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/people/${ids.colleague}` }),
    expect: { ...all(200), guest: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'PATCH /api/tenants/{tenantId}/people/{personId}',
    request: (ids, role) => ({
      method: 'PATCH',
      path: `/api/tenants/${ids.tenantA}/people/${ids.target[role]}`,
      body: { role: 'guest' },
    }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200, platformAdmin: 200 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/people/{personId}/deactivate',
    request: (ids, role) => ({
      method: 'POST',
      path: `/api/tenants/${ids.tenantA}/people/${ids.target[role]}/deactivate`,
    }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200, platformAdmin: 200 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/people/{personId}/reactivate',
    request: (ids, role) => ({
      method: 'POST',
      path: `/api/tenants/${ids.tenantA}/people/${ids.reactivateTarget[role]}/reactivate`,
    }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200, platformAdmin: 200 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/people/{personId}/invitation',
    // The guest's own account: a colleague of the admins, nobody else's to invite again.
    request: (ids) => ({ method: 'POST', path: `/api/tenants/${ids.tenantA}/people/${ids.guestSelf}/invitation` }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 202, platformAdmin: 202 },
  },
  {
    route: 'PUT /api/tenants/{tenantId}/people/{personId}/guest-term',
    // The demo guest, whom the tenant's first admin sponsors: they and whoever manages her extend it.
    request: (ids) => ({
      method: 'PUT',
      path: `/api/tenants/${ids.tenantA}/people/${ids.guestSelf}/guest-term`,
      body: { expiresAt: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString() },
    }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200, platformAdmin: 200 },
  },
  {
    route: 'PUT /api/tenants/{tenantId}/people/{personId}/mail-notices',
    // Only the guest themselves says whether notices reach them by e-mail.
    request: (ids) => ({
      method: 'PUT',
      path: `/api/tenants/${ids.tenantA}/people/${ids.guestSelf}/mail-notices`,
      body: { enabled: true },
    }),
    expect: { ...all(403), otherTenantAdmin: 404, guest: 200 },
  },
  {
    route: 'DELETE /api/tenants/{tenantId}/people/{personId}/chat-devices/{deviceId}',
    // The tenant admin's own account (the colleague): only they pass the policy, and then find no such device.
    request: (ids) => ({
      method: 'DELETE',
      path: `/api/tenants/${ids.tenantA}/people/${ids.colleague}/chat-devices/NOSUCHDEVICE`,
    }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 404 },
  },
  {
    route: 'POST /api/session/chat-devices',
    // Everybody may tie a device of their own account to their session; nobody has this one.
    request: () => ({ method: 'POST', path: '/api/session/chat-devices', body: { deviceId: 'NOSUCHDEVICE' } }),
    expect: all(404),
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/rooms` }),
    expect: { ...all(200), otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms',
    request: (ids) => ({ method: 'POST', path: `/api/tenants/${ids.tenantA}/rooms`, body: { name: 'Matrixprobe' } }),
    expect: { ...all(201), guest: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}` }),
    expect: { ...all(200), member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'PATCH /api/tenants/{tenantId}/rooms/{roomId}',
    request: (ids) => ({
      method: 'PATCH',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}`,
      body: { topic: 'Neues Thema' },
    }),
    expect: { ...all(200), guest: 403, member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'DELETE /api/tenants/{tenantId}/rooms/{roomId}',
    request: (ids, role) => ({ method: 'DELETE', path: `/api/tenants/${ids.tenantA}/rooms/${ids.archiveRoom[role]}` }),
    expect: { ...all(200), guest: 403, member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/members',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/members` }),
    expect: { ...all(200), member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'PUT /api/tenants/{tenantId}/rooms/{roomId}/members/{personId}',
    request: (ids) => ({
      method: 'PUT',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/members/${ids.joiner}`,
      body: { role: 'member' },
    }),
    expect: { ...all(204), guest: 403, member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'DELETE /api/tenants/{tenantId}/rooms/{roomId}/members/{personId}',
    request: (ids, role) => ({
      method: 'DELETE',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/members/${ids.leaver[role]}`,
    }),
    expect: { ...all(204), guest: 403, member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/join',
    request: (ids) => ({ method: 'POST', path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomO}/join` }),
    // The tenant admin owns the open room already; a guest may not see open rooms.
    expect: { ...all(200), guest: 404, tenantAdmin: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/reconcile',
    request: (ids) => ({ method: 'POST', path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/reconcile` }),
    expect: { ...all(200), guest: 403, member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/meeting',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/meeting` }),
    expect: { ...all(200), member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/meeting/token',
    request: (ids) => ({ method: 'POST', path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/meeting/token` }),
    // Only members of the room get tokens: the tenant admin sees the room but is not in it; its
    // guest waits to be let in.
    expect: { ...all(200), guest: 202, member: 404, tenantAdmin: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/meetings',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/meetings` }),
    // Each caller hears of the running meetings of their own rooms only; another tenant's admin of none.
    expect: { ...all(200), otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/meeting/waiting/{admissionId}',
    request: (ids) => ({
      method: 'POST',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/meeting/waiting/${ids.admission}`,
      body: { admit: false },
    }),
    // Only the room's owner (the platform admin) answers a waiting guest.
    expect: { ...all(403), member: 404, otherTenantAdmin: 404, platformAdmin: 204 },
  },
  {
    route: 'DELETE /api/tenants/{tenantId}/rooms/{roomId}/meeting/waiting/{admissionId}',
    request: (ids) => ({
      method: 'DELETE',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/meeting/waiting/${ids.ownAdmission}`,
    }),
    // Only the room guest who asked withdraws; the owner (the platform admin) answers instead.
    expect: { ...all(403), guest: 204, member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'DELETE /api/guest/{token}/admissions/{admissionId}',
    request: (ids) => ({ method: 'DELETE', path: `/api/guest/${ids.guestSecret}/admissions/${ids.withdrawal}` }),
    // Public: the link and the request's id are the permission; withdrawn once, it stays so.
    expect: { ...all(204), anonymous: 204 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/scheduled-meetings',
    request: (ids) => ({ method: 'GET', path: schedule(ids) }),
    // Everyone in room R sees its planned meetings, its guest too; the tenant admin is not in it.
    expect: { ...all(200), member: 404, tenantAdmin: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/scheduled-meetings',
    request: (ids) => ({ method: 'POST', path: schedule(ids), body: plan() }),
    // Only the room's owner (the platform admin) plans; its guest may not, the tenant admin is not in it.
    expect: { ...all(403), member: 404, otherTenantAdmin: 404, platformAdmin: 201 },
  },
  {
    route: 'PUT /api/tenants/{tenantId}/rooms/{roomId}/scheduled-meetings/{meetingId}',
    request: (ids) => ({ method: 'PUT', path: schedule(ids, `/${ids.planned.change}`), body: plan() }),
    expect: { ...all(403), member: 404, otherTenantAdmin: 404, platformAdmin: 200 },
  },
  {
    route: 'DELETE /api/tenants/{tenantId}/rooms/{roomId}/scheduled-meetings/{meetingId}',
    request: (ids) => ({ method: 'DELETE', path: schedule(ids, `/${ids.planned.cancel}`) }),
    expect: { ...all(403), member: 404, otherTenantAdmin: 404, platformAdmin: 204 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/scheduled-meetings/{meetingId}/calendar.ics',
    request: (ids) => ({ method: 'GET', path: schedule(ids, `/${ids.planned.change}/calendar.ics`) }),
    expect: { ...all(200), member: 404, tenantAdmin: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/meeting/end',
    request: (ids) => ({ method: 'POST', path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/meeting/end` }),
    // Only the room's owner (the platform admin) ends its meeting; its guest may not, the tenant admin is not in it.
    expect: { ...all(403), member: 404, otherTenantAdmin: 404, platformAdmin: 204 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/meeting/events',
    request: (ids) => ({
      method: 'POST',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/meeting/events`,
      body: { kind: 'joined' },
    }),
    expect: { ...all(204), member: 404, tenantAdmin: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/guest-links',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/guest-links` }),
    expect: { ...all(200), guest: 403, member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/guest-links',
    request: (ids) => ({
      method: 'POST',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/guest-links`,
      body: { name: 'Frau Extern' },
    }),
    expect: { ...all(201), guest: 403, member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'DELETE /api/tenants/{tenantId}/rooms/{roomId}/guest-links/{linkId}',
    request: (ids, role) => ({
      method: 'DELETE',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/guest-links/${ids.guestLink[role]}`,
    }),
    expect: { ...all(204), guest: 403, member: 404, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/guest/{token}',
    request: (ids) => ({ method: 'GET', path: `/api/guest/${ids.guestSecret}` }),
    // Public: the link itself is the permission.
    expect: { ...all(200), anonymous: 200 },
  },
  {
    route: 'POST /api/meetings/livekit/webhook',
    request: () => ({ method: 'POST', path: '/api/meetings/livekit/webhook', raw: '{}' }),
    // Public: LiveKit's signature is the permission. This stack's meetings run on Jitsi, so there is no
    // LiveKit to report, whoever calls (the signature checks are in liveKitWebhooks.test.ts and
    // liveKitMeetings.test.ts).
    expect: { ...all(503), anonymous: 503 },
  },
  {
    route: 'POST /api/guest/{token}/join',
    request: (ids) => ({ method: 'POST', path: `/api/guest/${ids.guestSecret}/join`, body: { displayName: 'Gast' } }),
    // Whoever calls, the guest asks to enter and waits for a moderator.
    expect: { ...all(202), anonymous: 202 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/documents/texts',
    request: (ids) => ({
      method: 'POST',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/documents/texts`,
      body: { name: `Text ${randomBytes(3).toString('hex')}`, parentId: null },
    }),
    // Writers of the room only: the room guest reads, the tenant admin is not in the room.
    expect: { ...all(201), guest: 403, member: 404, tenantAdmin: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/policy',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/policy` }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200, platformAdmin: 200 },
  },
  {
    route: 'PUT /api/tenants/{tenantId}/policy',
    request: (ids) => ({
      method: 'PUT',
      path: `/api/tenants/${ids.tenantA}/policy`,
      body: { meetings: true, guests: true, recording: false },
    }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200, platformAdmin: 200 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/documents',
    request: (ids) => ({ method: 'GET', path: library(ids, `?folder=${ids.lib.folder}`) }),
    expect: readsR,
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/documents/trash',
    request: (ids) => ({ method: 'GET', path: library(ids, '/trash') }),
    expect: readsR,
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/documents/folders',
    request: (ids, role) => ({
      method: 'POST',
      path: library(ids, '/folders'),
      body: { name: `Ordner ${role}`, parentId: ids.lib.folder },
    }),
    expect: writesR(201),
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/documents/files',
    request: (ids, role) => ({ method: 'POST', path: library(ids, `/files?name=datei-${role}.txt`), raw: 'Inhalt' }),
    expect: writesR(201),
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}',
    request: (ids) => ({ method: 'GET', path: library(ids, `/entries/${ids.lib.file}`) }),
    expect: readsR,
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/content',
    request: (ids) => ({ method: 'GET', path: library(ids, `/entries/${ids.lib.file}/content`) }),
    expect: readsR,
  },
  {
    route: 'PATCH /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}',
    request: (ids, role) => ({
      method: 'PATCH',
      path: library(ids, `/entries/${ids.lib.file}`),
      body: { name: `umbenannt-${role}.txt` },
    }),
    expect: writesR(200),
  },
  {
    route: 'DELETE /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}',
    request: (ids) => ({ method: 'DELETE', path: library(ids, `/entries/${ids.lib.toDelete}`) }),
    expect: writesR(200),
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/restore',
    request: (ids) => ({ method: 'POST', path: library(ids, `/entries/${ids.lib.toRestore}/restore`) }),
    expect: writesR(200),
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/purge',
    request: (ids) => ({ method: 'POST', path: library(ids, `/entries/${ids.lib.toPurge}/purge`) }),
    expect: writesR(204),
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/versions',
    request: (ids) => ({ method: 'GET', path: library(ids, `/entries/${ids.lib.file}/versions`) }),
    expect: readsR,
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/versions/compare',
    request: (ids) => ({
      method: 'GET',
      path: library(
        ids,
        `/entries/${ids.lib.text}/versions/compare?from=${ids.lib.textVersion}&to=${ids.lib.textVersion}`,
      ),
    }),
    expect: readsR,
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/versions',
    request: (ids) => ({ method: 'POST', path: library(ids, `/entries/${ids.lib.text}/versions`) }),
    expect: writesR(201),
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/versions/{versionId}/restore',
    request: (ids) => ({
      method: 'POST',
      path: library(ids, `/entries/${ids.lib.file}/versions/${ids.lib.version}/restore`),
    }),
    expect: writesR(200),
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/preview',
    request: (ids) => ({
      method: 'GET',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/documents/entries/${ids.fileR}/preview`,
    }),
    // Readers of the room's documents learn the preview is not ready yet; the tenant admin is not in the room.
    expect: { ...all(409), member: 404, tenantAdmin: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/export',
    request: (ids) => ({
      method: 'GET',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/documents/entries/${ids.fileR}/export?format=pdf`,
    }),
    // Readers get as far as "not a text document".
    expect: { ...all(422), member: 404, tenantAdmin: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/share',
    request: (ids) => ({
      method: 'POST',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/documents/entries/${ids.fileR}/share`,
    }),
    expect: { ...all(202), member: 404, tenantAdmin: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}/wopi',
    request: (ids) => ({
      method: 'POST',
      path: `/api/tenants/${ids.tenantA}/rooms/${ids.roomR}/documents/entries/${ids.fileR}/wopi`,
    }),
    expect: { ...all(200), member: 404, tenantAdmin: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/audit',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/audit` }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200, platformAdmin: 200 },
  },
  {
    route: 'GET /api/audit',
    request: () => ({ method: 'GET', path: '/api/audit' }),
    expect: { ...all(403), platformAdmin: 200 },
  },
  // A person's export and erasure (ADR 0053): the person and the admins of their tenant export;
  // only the tenant's admin erases; another tenant's admin learns nothing (404).
  {
    route: 'POST /api/tenants/{tenantId}/people/{personId}/exports',
    request: (ids) => ({ method: 'POST', path: `/api/tenants/${ids.tenantA}/people/${ids.guestSelf}/exports` }),
    expect: { ...all(202), member: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/people/{personId}/exports',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/people/${ids.guestSelf}/exports` }),
    expect: { ...all(200), member: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/people/{personId}/exports/{exportId}/archive',
    request: (ids) => ({
      method: 'GET',
      path: `/api/tenants/${ids.tenantA}/people/${ids.guestSelf}/exports/${ids.exportId}/archive`,
    }),
    expect: { ...all(200), member: 403, otherTenantAdmin: 404 },
  },
  {
    route: 'POST /api/tenants/{tenantId}/people/{personId}/erasure',
    request: (ids, role) => ({
      method: 'POST',
      path: `/api/tenants/${ids.tenantA}/people/${ids.eraseTarget[role]}/erasure`,
      body: { confirmName: `e${role.toLowerCase()} Ziel` },
    }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 202 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/erasures',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/erasures` }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/erasures/{erasureId}',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/erasures/${ids.erasureId}` }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200 },
  },
  {
    route: 'GET /api/tenants/{tenantId}/erasure-rule',
    request: (ids) => ({ method: 'GET', path: `/api/tenants/${ids.tenantA}/erasure-rule` }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200, platformAdmin: 200 },
  },
  {
    route: 'PUT /api/tenants/{tenantId}/erasure-rule',
    request: (ids) => ({
      method: 'PUT',
      path: `/api/tenants/${ids.tenantA}/erasure-rule`,
      body: { documents: 'handover' },
    }),
    expect: { ...all(403), otherTenantAdmin: 404, tenantAdmin: 200, platformAdmin: 200 },
  },
];
describe('authorization matrix', () => {
  const sessions = {} as Record<Exclude<Role, 'anonymous'>, SignedIn>;
  let ids: Ids;

  const call = async (
    role: Role,
    req: { path: string; method: string; body?: unknown; raw?: string },
  ): Promise<Response> => {
    // A raw body is a file upload's bytes, not JSON.
    const contentType = req.raw === undefined ? 'application/json' : 'text/plain';
    const init: RequestInit = {
      method: req.method,
      headers: { 'Content-Type': contentType },
      ...(req.raw !== undefined ? { body: req.raw } : req.body ? { body: JSON.stringify(req.body) } : {}),
    };
    if (role === 'anonymous') return fetch(`${stackEnv('WORKSPACE_URL')}${req.path}`, init);
    return fetchAs(sessions[role], req.path, init);
  };

  beforeAll(async () => {
    sessions.platformAdmin = await signInDemo('paula.plattform');
    sessions.tenantAdmin = await signInDemo('amelie.admin');
    sessions.member = await signInDemo('bernd.beispiel');
    sessions.guest = await signInDemo('gabi.gast');
    const suffix = randomBytes(3).toString('hex');
    const b = await provisionedTenantWithAdmin(sessions.platformAdmin, `b-${suffix}`);
    sessions.otherTenantAdmin = b.admin;
    const archive = await json<TenantBody>(
      await fetchAs(sessions.platformAdmin, '/api/tenants', {
        method: 'POST',
        body: JSON.stringify({
          slug: `c-${suffix}`,
          name: `Archiv ${suffix}`,
          emailDomains: [`c-${suffix}.example`],
          firstAdmin: { email: `x@c-${suffix}.example`, username: `x.c-${suffix}`, firstName: 'X', lastName: 'X' },
        }),
      }),
      201,
    );

    const tenantA = sessions.tenantAdmin.actor.tenantId!;
    const addPerson = async (name: string): Promise<string> =>
      (
        await json<PersonBody>(
          await fetchAs(sessions.platformAdmin, `/api/tenants/${tenantA}/people`, {
            method: 'POST',
            body: JSON.stringify({
              email: `${name}.${suffix}@demo.example`,
              firstName: name,
              lastName: 'Ziel',
              role: 'member',
            }),
          }),
          201,
        )
      ).id;
    const perRole = async (prefix: string) =>
      Object.fromEntries(
        await Promise.all(roles.map(async (r) => [r, await addPerson(`${prefix}${r.toLowerCase()}`)])),
      ) as Record<Role, string>;
    const target = await perRole('t');
    const reactivateTarget = await perRole('r');
    const eraseTarget = await perRole('e');
    for (const id of Object.values(reactivateTarget)) {
      await json(
        await fetchAs(sessions.platformAdmin, `/api/tenants/${tenantA}/people/${id}/deactivate`, { method: 'POST' }),
        200,
      );
    }
    const asPlatform = (path: string, method: string, body?: unknown) =>
      fetchAs(sessions.platformAdmin, path, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
    const room = async (s: SignedIn, name: string, visibility: 'tenant' | 'private') =>
      (
        await json<{ id: string }>(
          await fetchAs(s, `/api/tenants/${tenantA}/rooms`, {
            method: 'POST',
            body: JSON.stringify({ name, visibility }),
          }),
          201,
        )
      ).id;
    const put = async (roomId: string, personId: string, role: string) =>
      expect(
        (await asPlatform(`/api/tenants/${tenantA}/rooms/${roomId}/members/${personId}`, 'PUT', { role })).status,
      ).toBe(204);
    const roomR = await room(sessions.platformAdmin, `R ${suffix}`, 'private');
    await put(roomR, sessions.guest.actor.userId!, 'guest');
    const archiveRoom = Object.fromEntries(
      await Promise.all(
        roles.map(async (r) => {
          const id = await room(sessions.platformAdmin, `A ${r} ${suffix}`, 'private');
          await put(id, sessions.guest.actor.userId!, 'guest');
          return [r, id];
        }),
      ),
    ) as Record<Role, string>;
    const joiner = await addPerson(`joiner`);
    const leaver = await perRole('l');
    for (const id of Object.values(leaver)) await put(roomR, id, 'member');
    const roomO = await room(sessions.tenantAdmin, `O ${suffix}`, 'tenant');
    const newGuestLink = async () =>
      json<{ id: string; url: string }>(
        await asPlatform(`/api/tenants/${tenantA}/rooms/${roomR}/guest-links`, 'POST', { name: 'Herr Extern' }),
        201,
      );
    const guestLink = Object.fromEntries(
      await Promise.all(roles.map(async (r) => [r, (await newGuestLink()).id])),
    ) as Record<Role, string>;
    const guestSecret = (await newGuestLink()).url.split('/guest/')[1]!;
    // Link guests waiting to be let into room R's meeting.
    const linkGuestKnocks = async () =>
      (
        await json<{ admissionId: string }>(
          await fetch(`${stackEnv('WORKSPACE_URL')}/api/guest/${guestSecret}/join`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ displayName: 'Herr Extern' }),
          }),
          202,
        )
      ).admissionId;
    const admission = await linkGuestKnocks();
    const withdrawal = await linkGuestKnocks();
    const ownAdmission = (
      await json<{ admissionId: string }>(
        await fetchAs(sessions.guest, `/api/tenants/${tenantA}/rooms/${roomR}/meeting/token`, { method: 'POST' }),
        202,
      )
    ).admissionId;
    const planned = async () =>
      (
        await json<{ id: string }>(
          await asPlatform(`/api/tenants/${tenantA}/rooms/${roomR}/scheduled-meetings`, 'POST', {
            title: 'Matrixrunde',
            startsAt: new Date(Date.now() + 86_400_000).toISOString(),
            durationMinutes: 30,
          }),
          201,
        )
      ).id;
    const documentOf = `/api/tenants/${tenantA}/rooms/${roomR}/documents`;
    const folderNamed = async (name: string) =>
      (await json<{ id: string }>(await asPlatform(`${documentOf}/folders`, 'POST', { name, parentId: null }), 201)).id;
    const libFile = await json<{ id: string }>(
      await fetchAs(sessions.platformAdmin, `${documentOf}/files?name=matrix.txt`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: 'Matrix',
      }),
      201,
    );
    const libVersions = await json<{ versions: { id: string }[] }>(
      await asPlatform(`${documentOf}/entries/${libFile.id}/versions`, 'GET'),
      200,
    );
    const trashed = async (name: string) => {
      const id = await folderNamed(name);
      await json(await asPlatform(`${documentOf}/entries/${id}`, 'DELETE'), 200);
      return id;
    };
    const text = (
      await json<{ id: string }>(
        await asPlatform(`${documentOf}/texts`, 'POST', { name: 'Matrixtext', parentId: null }),
        201,
      )
    ).id;
    await json(await asPlatform(`${documentOf}/entries/${text}/versions`, 'POST'), 201);
    const textVersions = await json<{ versions: { id: string }[] }>(
      await asPlatform(`${documentOf}/entries/${text}/versions`, 'GET'),
      200,
    );
    const lib = {
      folder: await folderNamed('Matrixordner'),
      file: libFile.id,
      version: libVersions.versions[0]!.id,
      toDelete: await folderNamed('Zum Löschen'),
      toRestore: await trashed('Zum Wiederherstellen'),
      toPurge: await trashed('Zum Entfernen'),
      text,
      textVersion: textVersions.versions[0]!.id,
    };
    const db = openDatabase(stackEnv('DATABASE_URL'));
    const fileR = (
      await insertEntry(createStore(db), {
        tenantId: tenantA,
        roomId: roomR,
        name: 'Haushaltsplan.docx',
        kind: 'file',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: Buffer.from('PK'),
        preview: 'pending',
      })
    ).entryId;
    await db.destroy();
    ids = {
      lib,
      fileR,
      guestLink,
      guestSecret,
      admission,
      withdrawal,
      ownAdmission,
      planned: { change: await planned(), cancel: await planned() },
      roomR,
      roomO,
      archiveRoom,
      joiner,
      leaver,
      tenantA,
      tenantB: b.tenant.id,
      tenantToArchive: archive.id,
      colleague: sessions.tenantAdmin.actor.userId!,
      guestSelf: sessions.guest.actor.userId!,
      target,
      reactivateTarget,
      eraseTarget,
      ...(await exportAndErasure(tenantA)),
    };
  }, 180_000);

  /** A ready export of the guest's own data, and a finished erasure of a person of tenant A. */
  async function exportAndErasure(tenantA: string): Promise<{ exportId: string; erasureId: string }> {
    const exports = `/api/tenants/${tenantA}/people/${sessions.guest.actor.userId!}/exports`;
    const asked = await json<{ id: string }>(await fetchAs(sessions.guest, exports, { method: 'POST' }), 202);
    await eventually(
      async () =>
        (await json<{ exports: { id: string; state: string }[] }>(await fetchAs(sessions.guest, exports), 200)).exports,
      (list) => list.some((e) => e.id === asked.id && e.state === 'ready'),
    );
    const person = await json<{ id: string }>(
      await fetchAs(sessions.tenantAdmin, `/api/tenants/${tenantA}/people`, {
        method: 'POST',
        body: JSON.stringify({
          email: `geloescht.${randomBytes(3).toString('hex')}@demo.example`,
          firstName: 'Gelöscht',
          lastName: 'Ziel',
          role: 'member',
        }),
      }),
      201,
    );
    const erasure = await json<{ id: string }>(
      await fetchAs(sessions.tenantAdmin, `/api/tenants/${tenantA}/people/${person.id}/erasure`, {
        method: 'POST',
        body: JSON.stringify({ confirmName: 'Gelöscht Ziel' }),
      }),
      202,
    );
    return { exportId: asked.id, erasureId: erasure.id };
  }

  it('covers every route of the OpenAPI document', async () => {
    const doc = (await (await fetch(`${stackEnv('WORKSPACE_URL')}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(cases.map((c) => c.route).sort()).toEqual(documented.sort());
  });

  it('knows each caller as the server does', () => {
    expect(sessions.tenantAdmin.actor).toMatchObject({ tenantRole: 'tenant-admin', platformAdmin: false });
    expect(sessions.member.actor).toMatchObject({ tenantRole: 'member', tenantId: ids.tenantA });
    expect(sessions.guest.actor).toMatchObject({ tenantRole: 'guest', tenantId: ids.tenantA });
    expect(sessions.otherTenantAdmin.actor).toMatchObject({ tenantRole: 'tenant-admin', tenantId: ids.tenantB });
    expect(sessions.platformAdmin.actor.platformAdmin).toBe(true);
  });

  it.each(cases)('$route', async (c) => {
    const got: Record<string, number> = {};
    // Denied callers first: an allowed call may change the state a denied one would meet.
    const order = [...roles].sort((a, b) => Number(c.expect[a] < 300) - Number(c.expect[b] < 300));
    for (const role of order) got[role] = (await call(role, c.request(ids, role))).status;
    expect(got).toEqual(c.expect);
  });

  it('lists only the caller’s own tenant to tenant people, and every tenant to the platform admin', async () => {
    const list = async (s: SignedIn) =>
      (await json<{ tenants: TenantBody[] }>(await fetchAs(s, '/api/tenants'), 200)).tenants.map((t) => t.id);
    expect(await list(sessions.tenantAdmin)).toEqual([ids.tenantA]);
    expect(await list(sessions.guest)).toEqual([ids.tenantA]);
    expect(await list(sessions.otherTenantAdmin)).toEqual([ids.tenantB]);
    expect(await list(sessions.platformAdmin)).toEqual(expect.arrayContaining([ids.tenantA, ids.tenantB]));
  });

  it('never shows one tenant’s people or audit entries to another tenant’s admin', async () => {
    const peopleOfA = await json<{ people: PersonBody[] }>(
      await fetchAs(sessions.tenantAdmin, `/api/tenants/${ids.tenantA}/people`),
      200,
    );
    for (const person of peopleOfA.people.slice(0, 5)) {
      const r = await fetchAs(sessions.otherTenantAdmin, `/api/tenants/${ids.tenantB}/people/${person.id}`);
      expect(r.status).toBe(404);
    }
    const audit = await json<{ entries: { tenantId: string | null }[] }>(
      await fetchAs(sessions.otherTenantAdmin, `/api/tenants/${ids.tenantB}/audit?limit=200`),
      200,
    );
    expect(audit.entries.length).toBeGreaterThan(0);
    expect(audit.entries.every((e) => e.tenantId === ids.tenantB)).toBe(true);
  });

  it('records denied admin actions in the audit log', async () => {
    const entries = await eventually(
      async () =>
        (
          await json<{ entries: { action: string; outcome: string; actorName: string }[] }>(
            await fetchAs(sessions.tenantAdmin, `/api/tenants/${ids.tenantA}/audit?outcome=denied&limit=200`),
            200,
          )
        ).entries,
      (list) => list.some((e) => e.action === 'person.deactivate'),
      5_000,
    );
    expect(entries.some((e) => e.action === 'person.create' && e.actorName.includes('Bernd'))).toBe(true);
  });
});
