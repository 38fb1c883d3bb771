// The error model lives in libs/errors (no dependencies), so every lib and app can throw coded errors.
export { DomainError, conflict, forbidden, invalid, notFound, unprocessable, type ErrorCode, type ErrorDetail } from '#errors';
