import { SetMetadata } from '@nestjs/common';
import { JOB_BY_NAME, type JobKey, JOBS } from './queue-catalog.js';

export const JOB_HANDLER = 'parkmatch:job-handler';

/** Marks a method as the handler of one job of the catalogue; the worker host dispatches to it. */
export const JobHandler = (job: JobKey) => SetMetadata(JOB_HANDLER, JOBS[job].name);

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
