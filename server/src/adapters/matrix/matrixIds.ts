/**
 * Matrix identifiers derived from our names. Pure functions, no I/O.
 */

const LOCALPART_KEEP = /^[a-z0-9_\-./+]$/;
const ALIAS_KEY_KEEP = /^[a-z0-9.-]$/;

/** Prefix of every room alias the workspace owns (exclusive in the AS registration). */
export const ROOM_ALIAS_PREFIX = 'ws_';

/**
 * Maps a user name onto a Matrix localpart exactly like Synapse maps the
 * `preferred_username` of an OIDC login (map_username_to_mxid_localpart):
 * ASCII upper case becomes lower case, every other byte outside
 * `a-z 0-9 _ - . / +` becomes `=xx`, and a leading `_` becomes `=5f`. Accounts
 * the backend creates therefore are the accounts people log into.
 */
export function toLocalpart(name: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(name)) {
    const lowered = byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
    const char = String.fromCharCode(lowered);
    out += LOCALPART_KEEP.test(char) ? char : `=${hex(lowered)}`;
  }
  return out.replace(/^_/, '=5f');
}

export function userId(localpart: string, serverName: string): string {
  return `@${localpart}:${serverName}`;
}

/**
 * The alias localpart of the room with the given database key. Injective, so
 * distinct keys never share a room: `a-z 0-9 . -` stay, upper-case letters
 * become `_` + lower case, every other byte becomes `=xx`.
 */
export function aliasLocalpartForKey(key: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(key)) {
    const char = String.fromCharCode(byte);
    if (ALIAS_KEY_KEEP.test(char)) out += char;
    else if (byte >= 0x41 && byte <= 0x5a) out += `_${char.toLowerCase()}`;
    else out += `=${hex(byte)}`;
  }
  return ROOM_ALIAS_PREFIX + out;
}

export function roomAlias(aliasLocalpart: string, serverName: string): string {
  return `#${aliasLocalpart}:${serverName}`;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
