import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import type { MeetingToken, MeetingTokenRequest, MeetingTokens } from '../../domain/ports/meetings.js';

export type JitsiSigning =
  { algorithm: 'HS256'; secret: string } | { algorithm: 'RS256'; privateKeyPem: string; keyId: string };

export interface JitsiTokensOptions {
  /** Host (and port) of the Jitsi Meet web. */
  domain: string;
  /** `iss`: the app id Prosody accepts. */
  appId: string;
  /** `aud`. */
  audience: string;
  /** `sub`: the Jitsi tenant or domain (lowercase); default the domain without its port. */
  subject?: string | undefined;
  lifetimeMinutes: number;
  signing: JitsiSigning;
}

/** Tokens take effect this long before they are made, so a clock slightly behind Prosody's does not refuse them. */
const CLOCK_SKEW_SECONDS = 30;

const flag = (value: boolean): string => (value ? 'true' : 'false');

/**
 * Jitsi meeting tokens in the format of lib-jitsi-meet's doc/tokens.md: `iss`,
 * `aud`, `sub`, `room`, `exp`/`nbf`, `context.user` (strings only: Prosody
 * rejects other types there) and `context.features`. The moderator flag is
 * given twice, as Jitsi's Prosody modules read it: `context.user.affiliation`
 * / `context.user.moderator` (token_affiliation) and the top-level boolean
 * `moderator` (token_moderation).
 */
export class JitsiTokens implements MeetingTokens {
  readonly provider = 'jitsi' as const;
  readonly domain: string;
  private readonly options: JitsiTokensOptions;
  private readonly key: Uint8Array | KeyObject;

  constructor(options: JitsiTokensOptions) {
    this.domain = options.domain;
    this.options = options;
    this.key =
      options.signing.algorithm === 'HS256'
        ? new TextEncoder().encode(options.signing.secret)
        : createPrivateKey(options.signing.privateKeyPem);
  }

  static fromKeyFile(options: Omit<JitsiTokensOptions, 'signing'> & { privateKeyFile: string; keyId: string }) {
    return new JitsiTokens({
      ...options,
      signing: {
        algorithm: 'RS256',
        privateKeyPem: readFileSync(options.privateKeyFile, 'utf8'),
        keyId: options.keyId,
      },
    });
  }

  get subject(): string {
    return (this.options.subject ?? this.domain.replace(/:\d+$/, '')).toLowerCase();
  }

  async mint(request: MeetingTokenRequest): Promise<MeetingToken> {
    const now = Math.floor(request.now / 1000);
    const exp = now + this.options.lifetimeMinutes * 60;
    const user: Record<string, string> = {
      id: request.user.id,
      name: request.user.name,
      avatar: request.user.avatar ?? '',
      ...(request.user.email !== undefined ? { email: request.user.email } : {}),
      affiliation: request.moderator ? 'owner' : 'member',
      moderator: flag(request.moderator),
    };
    const { signing } = this.options;
    const jwt = await new SignJWT({
      room: request.roomName,
      moderator: request.moderator,
      context: {
        user,
        features: {
          recording: flag(request.recording),
          livestreaming: flag(request.recording),
          transcription: flag(request.recording),
          'outbound-call': 'false',
          'sip-outbound-call': 'false',
          lobby_bypass: request.lobbyBypass,
        },
      },
    })
      .setProtectedHeader(
        signing.algorithm === 'HS256' ? { alg: 'HS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid: signing.keyId },
      )
      .setIssuer(this.options.appId)
      .setAudience(this.options.audience)
      .setSubject(this.subject)
      .setIssuedAt(now)
      .setNotBefore(now - CLOCK_SKEW_SECONDS)
      .setExpirationTime(exp)
      .sign(this.key);
    return { jwt, expiresAt: exp * 1000 };
  }
}
