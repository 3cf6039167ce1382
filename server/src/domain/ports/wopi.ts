/** What a WOPI access token allows: one person, one file, reading or also writing, until it expires. */
export interface WopiGrant {
  personId: string;
  entryId: string;
  write: boolean;
}

/**
 * Short-lived, signed access tokens an office suite (Collabora Online) passes
 * back on every WOPI call. They carry the grant; each call re-checks it
 * against the policy, so a revoked membership ends the access at once.
 */
export interface WopiTokens {
  mint(grant: WopiGrant, now: number): Promise<{ token: string; expiresAt: number }>;
  /** The grant, or null for a token that is malformed, forged or expired. */
  verify(token: string, now: number): Promise<(WopiGrant & { expiresAt: number }) | null>;
}
