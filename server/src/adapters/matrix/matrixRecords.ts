import type { ChatMembershipRecord, ChatRecords } from '../../domain/ports/chatRecords.js';
import { isMatrixError } from './matrixErrors.js';
import { MatrixHttp, deactivateAccount, segment } from './matrixHttp.js';
import { isJsonObject, type JsonObject } from './matrixState.js';

export interface MatrixChatRecordsOptions {
  homeserverUrl: string;
  /** The application service's token (MatrixHttp needs one; this adapter calls only the admin API). */
  asToken: string;
  /** Access token of a homeserver admin: everything here goes through Synapse's admin API. */
  adminToken: string | undefined;
  timeoutMs?: number;
  /** Events per page when reading what an account sent. */
  pageSize?: number;
}

/**
 * A chat account's records through Synapse's admin API: the account
 * (`/v2/users/<id>`), its account data (`/v1/users/<id>/accountdata`), its
 * memberships (`/v1/users/<id>/memberships`), the events it sent to a room
 * (`/v1/rooms/<id>/messages` with a sender filter, as the homeserver stores
 * them: ciphertext in encrypted rooms) and its erasure (`/v1/deactivate/<id>`
 * with `erase: true`).
 */
export class MatrixChatRecords implements ChatRecords {
  private readonly http: MatrixHttp;
  private readonly pageSize: number;

  constructor(options: MatrixChatRecordsOptions) {
    this.http = new MatrixHttp({
      homeserverUrl: options.homeserverUrl,
      asToken: options.asToken,
      adminToken: options.adminToken,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
    this.pageSize = options.pageSize ?? 200;
  }

  async account(userId: string): Promise<Record<string, unknown> | undefined> {
    const body = await this.orUndefined(() =>
      this.http.call({ method: 'GET', admin: true, path: `/v2/users/${segment(userId)}` }),
    );
    return isJsonObject(body) ? body : undefined;
  }

  async accountData(userId: string): Promise<Record<string, unknown>> {
    const body = await this.orUndefined(() =>
      this.http.call({ method: 'GET', admin: true, path: `/v1/users/${segment(userId)}/accountdata` }),
    );
    return isJsonObject(body) && isJsonObject(body.account_data) ? body.account_data : {};
  }

  async memberships(userId: string): Promise<ChatMembershipRecord[]> {
    const body = await this.orUndefined(() =>
      this.http.call({ method: 'GET', admin: true, path: `/v1/users/${segment(userId)}/memberships` }),
    );
    if (!isJsonObject(body) || !isJsonObject(body.memberships)) return [];
    return Object.entries(body.memberships)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([roomId, membership]) => ({ roomId, membership }))
      .sort((a, b) => a.roomId.localeCompare(b.roomId));
  }

  async *eventsSentBy(userId: string, roomId: string): AsyncIterable<JsonObject[]> {
    const filter = encodeURIComponent(JSON.stringify({ senders: [userId] }));
    let from: string | undefined;
    for (;;) {
      const query = `dir=f&limit=${this.pageSize}&filter=${filter}${from === undefined ? '' : `&from=${encodeURIComponent(from)}`}`;
      const body = await this.http.call({
        method: 'GET',
        admin: true,
        path: `/v1/rooms/${segment(roomId)}/messages?${query}`,
      });
      if (!isJsonObject(body)) return;
      const chunk = Array.isArray(body.chunk) ? body.chunk.filter(isJsonObject) : [];
      if (chunk.length > 0) yield chunk;
      // The end of the timeline: no further token, or one that moves no more.
      if (typeof body.end !== 'string' || body.end === from || chunk.length === 0) return;
      from = body.end;
    }
  }

  async erase(userId: string): Promise<void> {
    await deactivateAccount(this.http, userId, true);
  }

  private async orUndefined(call: () => Promise<unknown>): Promise<unknown> {
    try {
      return await call();
    } catch (error) {
      if (isMatrixError(error, 'M_NOT_FOUND')) return undefined;
      throw error;
    }
  }
}
