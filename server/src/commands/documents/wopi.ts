import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Actor } from '../../domain/actor.js';
import { forbidden, invalid, notFound, unavailable } from '../../domain/errors.js';
import { storageKeys, type DocumentEntry, type DocumentVersion } from '../../domain/documents.js';
import { allow } from '../../domain/policies/policy.js';
import type { FileStorage } from '../../domain/ports/files.js';
import type { Store } from '../../domain/ports/store.js';
import type { WopiGrant, WopiTokens } from '../../domain/ports/wopi.js';
import type { Person } from '../../domain/person.js';
import { auditEntry, type CommandContext } from '../context.js';
import { roomResource } from '../rooms/loadRoom.js';
import { requireServable, scanOf, type InlineScans } from './documentAccess.js';
import { loadDocumentFor } from './loadDocument.js';
import { addVersion } from './versions.js';

export interface WopiDeps {
  store: Store;
  /** Null unless WOPI_ENABLED. */
  tokens: WopiTokens | null;
  files: FileStorage | null;
  publicUrl: string;
  /** The installation's largest upload (a tenant's policy may set less). */
  maxUploadBytes: number;
  /** The malware scanner, which checks new versions before they may be read (ADR 0055). */
  scans?: InlineScans;
}

/** The WOPI call's token is missing, forged, expired, for another file, or does not allow this. */
export class WopiUnauthorized extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'WopiUnauthorized';
  }
}

const enabled = (deps: WopiDeps): WopiTokens => {
  if (!deps.tokens) throw unavailable('The WOPI host is off (WOPI_ENABLED)', 'wopi-not-enabled');
  return deps.tokens;
};

const storage = (deps: WopiDeps): FileStorage => {
  if (!deps.files) throw unavailable('No file storage is configured', 'storage-not-configured');
  return deps.files;
};

/**
 * A token for opening a file in the office suite: the suite's frame gets it
 * (with `access_token_ttl`) and passes it back on every WOPI call. Writing is
 * granted when the policy allows `document.write` now.
 */
export async function mintWopiAccess(
  deps: WopiDeps,
  ctx: CommandContext,
  ids: { tenantId: string; roomId: string; entryId: string },
): Promise<{ accessToken: string; accessTokenTtl: number; wopiSrc: string; write: boolean }> {
  const { entry, tenant, room, myRole } = await loadDocumentFor(deps.store, ctx, 'document.read', ids);
  const tokens = enabled(deps);
  if (entry.kind !== 'file') throw invalid('Only files open in the office suite');
  if (!ctx.actor.userId) throw forbidden();
  const current = entry.currentVersionId
    ? await deps.store.read.documents.findVersion(entry.currentVersionId)
    : undefined;
  if (current) requireServable(current);
  const write = allow(ctx.actor, 'document.write', roomResource(tenant, room, myRole));
  const minted = await tokens.mint({ personId: ctx.actor.userId, entryId: entry.id, write }, ctx.now);
  return {
    accessToken: minted.token,
    accessTokenTtl: minted.expiresAt,
    wopiSrc: `${deps.publicUrl}/wopi/files/${encodeURIComponent(entry.id)}`,
    write,
  };
}

const actorOf = (person: Person): Actor => ({
  userId: person.id,
  subject: person.subject ?? person.id,
  username: person.username,
  displayName: `${person.firstName} ${person.lastName}`,
  tenantId: person.tenantId,
  tenantRole: person.role,
  platformAdmin: false,
});

export interface WopiSession {
  grant: WopiGrant;
  ctx: CommandContext;
  entry: DocumentEntry;
  version: DocumentVersion;
  /** Whether the person may write now (token and policy both say so). */
  write: boolean;
}

/**
 * Checks a WOPI call: a valid token for this file, an active person, and the
 * policy's answer now (a member removed since the token was made is refused).
 */
export async function openWopiSession(
  deps: WopiDeps,
  token: string | undefined,
  fileId: string,
  now: number,
): Promise<WopiSession> {
  const grant = token ? await enabled(deps).verify(token, now) : null;
  if (!grant || grant.entryId !== fileId) throw new WopiUnauthorized('invalid access token');
  const person = await deps.store.read.people.findById(grant.personId);
  if (!person || person.status !== 'active') throw new WopiUnauthorized('the person is not active');
  const entry = await deps.store.read.documents.findEntry(fileId);
  if (!entry || entry.kind !== 'file' || !entry.currentVersionId) throw notFound('File');
  const ctx: CommandContext = { actor: actorOf(person), requestId: null, now };
  const { tenant, room, myRole } = await loadDocumentFor(deps.store, ctx, 'document.read', {
    tenantId: entry.tenantId,
    roomId: entry.roomId,
    entryId: entry.id,
  }).catch(() => {
    throw new WopiUnauthorized('the person may not read the file');
  });
  const version = await deps.store.read.documents.findVersion(entry.currentVersionId);
  if (!version) throw notFound('File');
  const write = grant.write && allow(ctx.actor, 'document.write', roomResource(tenant, room, myRole));
  return { grant, ctx, entry, version, write };
}

/** WOPI CheckFileInfo: what the office suite needs to know about the file and the person. */
export function checkFileInfo(session: WopiSession, publicUrl: string): Record<string, unknown> {
  const { entry, version, ctx, write } = session;
  return {
    BaseFileName: entry.name,
    Size: version.size,
    OwnerId: entry.createdBy,
    UserId: ctx.actor.userId,
    UserFriendlyName: ctx.actor.displayName,
    Version: version.id,
    LastModifiedTime: new Date(version.createdAt).toISOString(),
    UserCanWrite: write,
    ReadOnly: !write,
    SupportsUpdate: write,
    SupportsLocks: false,
    SupportsRename: false,
    UserCanRename: false,
    UserCanNotWriteRelative: true,
    DisableExport: false,
    PostMessageOrigin: publicUrl,
  };
}

/** WOPI GetFile: the current version's bytes. */
export async function getFileContents(
  deps: WopiDeps,
  session: WopiSession,
): Promise<{ stream: Readable; size: number; version: string }> {
  requireServable(session.version);
  const object = await storage(deps).get(session.version.storageKey);
  if (!object) throw notFound('File');
  return { stream: object.stream, size: object.size, version: session.version.id };
}

/**
 * WOPI PutFile: the office suite saved the file; its bytes become the entry's
 * new version (same format as before), with a preview queued.
 */
export async function putFileContents(deps: WopiDeps, session: WopiSession, content: Readable): Promise<string> {
  if (!session.write) throw new WopiUnauthorized('the token or the policy does not allow writing');
  const files = storage(deps);
  const { entry, ctx } = session;
  const maxBytes = (await deps.store.read.documents.maxUploadBytes(entry.tenantId)) ?? deps.maxUploadBytes;
  const versionId = randomUUID();
  const key = storageKeys.version(entry.tenantId, entry.id, versionId);
  const stored = await files.put(key, content, { maxBytes, contentType: entry.contentType });
  try {
    await deps.store.transaction(async (tx) => {
      const current = await tx.documents.findEntry(entry.id);
      if (!current || current.deletedAt !== null) throw notFound('File');
      await addVersion(tx, ctx, entry, {
        id: versionId,
        key,
        size: stored.size,
        sha256: stored.sha256,
        contentType: entry.contentType,
        scan: scanOf(deps),
      });
      await tx.audit.append(
        auditEntry(ctx, {
          tenantId: entry.tenantId,
          action: 'document.version',
          targetType: 'library_entry',
          targetId: entry.id,
          outcome: 'success',
          details: { roomId: entry.roomId, versionId, size: stored.size, via: 'wopi' },
        }),
      );
    });
  } catch (error) {
    await files.delete(key);
    throw error;
  }
  await deps.scans?.scanNow(versionId);
  return versionId;
}
