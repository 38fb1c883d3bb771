import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/**
 * The one catalogue of queues, jobs, payloads and job options. Names are stable strings:
 * renaming one strands jobs already queued.
 */
export const QUEUES = {
  scoring: 'scoring',
  sharing: 'sharing',
  notifications: 'notifications',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const retried: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 20000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

const id = z.string().min(1).max(100);

export const JOBS = {
  scoreLead: {
    name: 'score-lead',
    queue: QUEUES.scoring,
    payload: z.object({ leadId: id, scoringRound: z.number().int().min(0) }).strict(),
    jobId: (p: { leadId: string; scoringRound: number }) => `score.${p.leadId}.${p.scoringRound}`,
    options: retried,
  },
  shareLead: {
    name: 'share-lead',
    queue: QUEUES.sharing,
    payload: z.object({ leadId: id, rankingId: id }).strict(),
    jobId: (p: { leadId: string; rankingId: string }) => `share.${p.leadId}.${p.rankingId}`,
    options: retried,
  },
  notify: {
    name: 'notify',
    queue: QUEUES.notifications,
    payload: z.object({ notificationId: id }).strict(),
    jobId: (p: { notificationId: string }) => `notify.${p.notificationId}`,
    options: { ...retried, attempts: 8, backoff: { type: 'exponential', delay: 2000 } },
  },
  rescoreOpenLeads: {
    name: 'rescore-open-leads',
    queue: QUEUES.maintenance,
    payload: z.object({ runId: id }).strict(),
    jobId: (p: { runId: string }) => `rescore.${p.runId}`,
    options: retried,
  },
} as const;

export type JobKey = keyof typeof JOBS;
export type JobName = (typeof JOBS)[JobKey]['name'];
export type JobPayload<K extends JobKey> = z.infer<(typeof JOBS)[K]['payload']>;

export const JOB_BY_NAME: ReadonlyMap<string, (typeof JOBS)[JobKey]> = new Map(Object.values(JOBS).map((j) => [j.name, j]));

/**
 * The BullMQ job id for a payload: from business keys, so a replayed outbox row is deduplicated.
 * Separated by dots: BullMQ refuses custom ids with ':' (its key separator).
 */
export function jobIdFor(name: string, payload: unknown): string {
  const def = JOB_BY_NAME.get(name);
  if (!def) throw new Error(`unknown job ${name}`);
  return (def.jobId as (p: unknown) => string)(def.payload.parse(payload));
}
