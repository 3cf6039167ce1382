import { createHmac } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { WopiGrant, WopiTokens } from '../../domain/ports/wopi.js';

const AUDIENCE = 'wopi';

/**
 * WOPI access tokens as HS256 JWTs (`sub` the person, `ent` the entry, `wr`
 * the write flag, `exp`). The key is derived from the session secret, so a new
 * SESSION_SECRET ends every open office session too.
 */
export class JwtWopiTokens implements WopiTokens {
  private readonly key: Uint8Array;

  constructor(
    sessionSecret: string,
    private readonly lifetimeMinutes: number,
  ) {
    this.key = createHmac('sha256', sessionSecret).update('wopi-access-tokens').digest();
  }

  async mint(grant: WopiGrant, now: number): Promise<{ token: string; expiresAt: number }> {
    const issuedAt = Math.floor(now / 1000);
    const expiresAt = (issuedAt + this.lifetimeMinutes * 60) * 1000;
    const token = await new SignJWT({ ent: grant.entryId, wr: grant.write })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(grant.personId)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt / 1000)
      .sign(this.key);
    return { token, expiresAt };
  }

  async verify(token: string, now: number): Promise<(WopiGrant & { expiresAt: number }) | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        currentDate: new Date(now),
        clockTolerance: 0,
      });
      if (typeof payload.sub !== 'string' || typeof payload.ent !== 'string' || typeof payload.wr !== 'boolean') {
        return null;
      }
      return { personId: payload.sub, entryId: payload.ent, write: payload.wr, expiresAt: (payload.exp ?? 0) * 1000 };
    } catch {
      return null;
    }
  }
}
