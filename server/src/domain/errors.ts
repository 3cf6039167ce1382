/** A rule of the domain said no. HTTP maps each kind to a status; jobs never retry them. */
export class DomainError extends Error {
  readonly retryable = false;
  constructor(
    readonly kind: 'not-found' | 'forbidden' | 'conflict' | 'invalid',
    message: string,
    readonly details?: Record<string, unknown>,
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
