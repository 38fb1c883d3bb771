export type { ErrorBody } from '#errors';
