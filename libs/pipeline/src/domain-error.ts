/** `unprocessable`: well-formed, but contradicts an earlier request (an Idempotency-Key reused with another body). */
export type DomainErrorKind = 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'unprocessable';

/** An expected failure with a message a person can act on; the API maps `kind` to a 4xx. */
export class DomainError extends Error {
  constructor(readonly kind: DomainErrorKind, message: string, readonly details?: { field?: string; row?: number; message: string }[]) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', what);
export const conflict = (what: string) => new DomainError('conflict', what);
export const forbidden = (what: string) => new DomainError('forbidden', what);
export const invalid = (what: string, details?: DomainError['details']) => new DomainError('invalid', what, details);
export const unprocessable = (what: string) => new DomainError('unprocessable', what);
