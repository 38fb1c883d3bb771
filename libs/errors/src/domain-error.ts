import { ERROR_CODES, type ErrorCode } from './codes.js';

/** One problem of a request: the field (or row, or indicator) it is about and what to do. */
export interface ErrorDetail {
  /** When one request fails several rules (the ledger's terms), each problem's own code. */
  code?: ErrorCode;
  field?: string;
  row?: number;
  message: string;
}

/** The one error shape every 4xx/5xx answer carries: a stable code and a message a person can act on, never a stack trace. */
export interface ErrorBody {
  statusCode: number;
  /** See ERROR_CODES (libs/errors): stable, for programs; `message` is for people. */
  code: ErrorCode;
  error: string;
  message: string;
  details?: ErrorDetail[];
}

/**
 * An expected failure: a stable code (its HTTP status comes from ERROR_CODES), a Chinese message that says
 * what to do in this case, and optionally the fields it is about. The API answers it as ErrorBody.
 */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code].message,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = ERROR_CODES[code].status;
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** The answer for a code; its status is the code's. */
export function errorBody(code: ErrorCode, message: string = ERROR_CODES[code].message, details?: ErrorDetail[]): ErrorBody {
  const statusCode = ERROR_CODES[code].status;
  return { statusCode, code, error: REASONS[statusCode] ?? 'Error', message, ...(details?.length ? { details } : {}) };
}

/** The generic codes, for failures no client needs to tell apart; prefer a specific code. */
export const notFound = (message: string) => new DomainError('NOT_FOUND', message);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const invalid = (message: string, details?: ErrorDetail[]) => new DomainError('VALIDATION_FAILED', message, details);
export const unprocessable = (message: string) => new DomainError('UNPROCESSABLE', message);

/** Refused for now, not for good: the answer says when to ask again (Retry-After). */
export class TooManyRequests extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code: ErrorCode = 'TOO_MANY_REQUESTS',
  ) {
    super(code, message);
  }
}
