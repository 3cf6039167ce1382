/** What the editor says about its connection. */
export type ConnectionState = 'connecting' | 'connected' | 'offline' | 'revoked' | 'denied' | 'tooLarge';

/**
 * Close codes and reasons of the collaboration server: 4403 'forbidden' (cannot open) and
 * 'access-revoked' (taken away while open), 4401 'unauthorized' (no session); 1001
 * 'server-shutdown' and network losses are reconnected.
 */
export const ACCESS_CLOSE_CODE = 4403;
export const UNAUTHORIZED_CLOSE_CODE = 4401;
export const ACCESS_REVOKED_REASON = 'access-revoked';
/** The edit would make the document larger than the server keeps (4413), or one message was too big (1009). */
export const TOO_LARGE_CLOSE_CODES = [4413, 1009];
export const TOO_LARGE_REASON = 'document-too-large';

/**
 * What a closed connection means. The server closes with 4403 when access ended; a close
 * message inside the protocol arrives with code 1000 and only the reason, so both are read.
 * Anything else is a network hiccup: the provider reconnects and the edits are merged.
 */
export function closeOutcome(event: { code: number; reason: string }): 'revoked' | 'too-large' | 'reconnect' {
  const reason = event.reason.trim().toLowerCase();
  // Reconnecting would send the same edit again: the connection ends, and says why.
  if (TOO_LARGE_CLOSE_CODES.includes(event.code) || reason === TOO_LARGE_REASON) return 'too-large';
  if (
    event.code === ACCESS_CLOSE_CODE ||
    event.code === UNAUTHORIZED_CLOSE_CODE ||
    reason === ACCESS_REVOKED_REASON ||
    reason === 'forbidden' ||
    reason === 'unauthorized'
  ) {
    return 'revoked';
  }
  return 'reconnect';
}

/** The state after the provider's status changed; an ended access stays ended. */
export function afterStatus(
  current: ConnectionState,
  status: 'connecting' | 'connected' | 'disconnected',
): ConnectionState {
  if (isFinal(current)) return current;
  if (status === 'connected') return 'connected';
  if (status === 'connecting') return current === 'connected' || current === 'offline' ? 'offline' : 'connecting';
  return 'offline';
}

/** Whether the provider should keep trying. */
export function isFinal(state: ConnectionState): boolean {
  return state === 'revoked' || state === 'denied' || state === 'tooLarge';
}

/** A steady colour per person (the caret and the presence list), dark enough for white text (≥ 4.5:1). */
export const CARET_COLOURS = ['#1f5f99', '#8a3b12', '#2d6a2e', '#7a2a7a', '#a1262e', '#005f66', '#5b4a00', '#3d4fa8'];

export function colourFor(personId: string): string {
  let hash = 0;
  for (const char of personId) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return CARET_COLOURS[hash % CARET_COLOURS.length] ?? '#1f5f99';
}

/** Names of the people in a document from its awareness states: others first, each once, sorted. */
export function presentNames(
  states: readonly { clientId: number; user?: { id?: unknown; name?: unknown } }[],
  ownClientId: number,
): string[] {
  const names = new Map<string, string>();
  for (const state of states) {
    if (state.clientId === ownClientId) continue;
    const name = state.user?.name;
    if (typeof name !== 'string' || name.trim() === '') continue;
    const id = typeof state.user?.id === 'string' ? state.user.id : name;
    names.set(id, name);
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}
