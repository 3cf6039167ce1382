/** A rule of the domain said no. HTTP maps each kind to a status; jobs never retry them. */
export class DomainError extends Error {
  readonly retryable = false;
  constructor(
    readonly kind: 'not-found' | 'forbidden' | 'conflict' | 'invalid' | 'gone' | 'unavailable' | 'too-large',
    message: string,
    readonly details?: Record<string, unknown>,
    /** A name for this kind of problem (the problem+json `type` ends with it). */
    readonly problemType?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new DomainError('forbidden', message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', message, details);
export const invalid = (message: string, details?: Record<string, unknown>) =>
  new DomainError('invalid', message, details);
/** The thing existed but no longer can be used (an expired or revoked link). */
export const gone = (message: string, problemType: string) => new DomainError('gone', message, undefined, problemType);
/** A part of the deployment this needs is not set up. */
export const unavailable = (message: string, problemType?: string) =>
  new DomainError('unavailable', message, undefined, problemType);

/** More than the limit: an upload larger than the tenant's or the installation's largest file. */
export const tooLarge = (maxBytes: number) => {
  const mb = maxBytes / (1024 * 1024);
  const shown = Number.isInteger(mb) ? String(mb) : mb.toFixed(mb < 1 ? 3 : 1);
  return new DomainError(
    'too-large',
    `The file is larger than the limit of ${shown} MB (${maxBytes} bytes)`,
    { maxBytes },
    'file-too-large',
  );
};

/**
 * An account of this sign-in name exists in an outside system and was not
 * made by the workspace for this person. Never retried: someone must rename
 * the person or clear the account.
 */
export function accountClash(system: 'keycloak' | 'synapse'): DomainError {
  const where = system === 'keycloak' ? 'The sign-in service (Keycloak)' : 'The chat server (Matrix)';
  return new DomainError(
    'conflict',
    `${where} has an account with this sign-in name that the workspace did not make for this person`,
    { field: 'username', code: 'account-clash', system },
    'account-clash',
  );
}

/** The tenant's documents would take more than its storage quota. */
export const quotaExceeded = (quotaBytes: number, usedBytes: number) =>
  new DomainError(
    'too-large',
    `The tenant's storage is full: ${usedBytes} of ${quotaBytes} bytes are used`,
    { quotaBytes, usedBytes },
    'storage-quota-exceeded',
  );
