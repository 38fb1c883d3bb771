import { applyDecorators, SetMetadata } from '@nestjs/common';
import { JOB_BY_NAME, type JobKey, JOBS } from './queue-catalog.js';

export const JOB_HANDLER = 'parkmatch:job-handler';

export const JOB_BATCH = 'parkmatch:job-batch';

/** Marks a method as the handler of one job of the catalogue; the worker host dispatches to it. */
export const JobHandler = (job: JobKey) => SetMetadata(JOB_HANDLER, JOBS[job].name);

/** One item's outcome in a batch: its value, or the error that fails that item's job alone. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: Error };

export interface BatchOptions {
  /** Most jobs handled together. */
  max: number;
  /** A batch goes when no job joined it for this long (and at most 5 × this after its first job). */
  lingerMs: number;
}
export const DEFAULT_BATCH: BatchOptions = { max: 200, lingerMs: 5 };

/**
 * Marks a method as the handler of a batch of one job's payloads: `(payloads) => one Settled per payload, in order`.
 * The worker host gathers ready jobs into batches (see JobBatcher); each job still completes or fails on its own.
 */
export const BatchJobHandler = (job: JobKey, batch: BatchOptions = DEFAULT_BATCH) => applyDecorators(SetMetadata(JOB_HANDLER, JOBS[job].name), SetMetadata(JOB_BATCH, batch));

export class MissingJobHandlerError extends Error {}

/** Every job of the catalogue must have exactly one handler, and every handler a known job. */
export function assertHandlersComplete(handled: string[]): void {
  const problems: string[] = [];
  for (const name of JOB_BY_NAME.keys()) {
    const n = handled.filter((h) => h === name).length;
    if (n === 0) problems.push(`job "${name}" has no handler`);
    if (n > 1) problems.push(`job "${name}" has ${n} handlers`);
  }
  for (const h of new Set(handled)) if (!JOB_BY_NAME.has(h)) problems.push(`handler for unknown job "${h}"`);
  if (problems.length) throw new MissingJobHandlerError('worker refuses to start: ' + problems.join('; '));
}
