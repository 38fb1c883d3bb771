import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/**
 * The one catalogue of queues, jobs, payloads and job options. Names are stable strings:
 * renaming one strands jobs already queued.
 */
export const QUEUES = {
  scoring: 'scoring',
  distribution: 'distribution',
  notifications: 'notifications',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * Names before "sharing" came to mean only 利益共享 (2026-12): a lead going to parks is a distribution. Workers
 * still drain the old queue, running its jobs under their new names; migration 0018 renamed the outbox rows.
 */
export const RENAMED_QUEUES: Readonly<Record<string, QueueName>> = { sharing: QUEUES.distribution };
export const RENAMED_JOBS: Readonly<Record<string, string>> = { 'share-lead': 'distribute-lead' };

const retried: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 20000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

const id = z.string().min(1).max(100);
/**
 * Every payload may carry the request id of the HTTP request (or job) that caused it: the outbox adds it, the worker
 * logs it, so one id follows a lead through its jobs. Not part of any job id.
 */
const traced = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, requestId: z.string().max(128).optional() }).strict();

export const JOBS = {
  scoreLead: {
    name: 'score-lead',
    queue: QUEUES.scoring,
    payload: traced({ leadId: id, scoringRound: z.number().int().min(0) }),
    jobId: (p: { leadId: string; scoringRound: number }) => `score.${p.leadId}.${p.scoringRound}`,
    options: retried,
  },
  distributeLead: {
    name: 'distribute-lead',
    queue: QUEUES.distribution,
    payload: traced({ leadId: id, rankingId: id }),
    jobId: (p: { leadId: string; rankingId: string }) => `share.${p.leadId}.${p.rankingId}`,
    options: retried,
  },
  notify: {
    name: 'notify',
    queue: QUEUES.notifications,
    payload: traced({ notificationId: id }),
    jobId: (p: { notificationId: string }) => `notify.${p.notificationId}`,
    options: { ...retried, attempts: 8, backoff: { type: 'exponential', delay: 2000 } },
  },
  scoreProspects: {
    name: 'score-prospects',
    queue: QUEUES.scoring,
    payload: traced({ batchId: id, chunk: z.number().int().min(0) }),
    jobId: (p: { batchId: string; chunk: number }) => `prospects.${p.batchId}.${p.chunk}`,
    options: retried,
  },
  rescoreOpenLeads: {
    name: 'rescore-open-leads',
    queue: QUEUES.maintenance,
    payload: traced({ runId: id }),
    jobId: (p: { runId: string }) => `rescore.${p.runId}`,
    options: retried,
  },
} as const;

export type JobKey = keyof typeof JOBS;
export type JobName = (typeof JOBS)[JobKey]['name'];
export type JobPayload<K extends JobKey> = z.infer<(typeof JOBS)[K]['payload']>;

export const JOB_BY_NAME: ReadonlyMap<string, (typeof JOBS)[JobKey]> = new Map(Object.values(JOBS).map((j) => [j.name, j]));

/** A job's current name, for one queued under a name from before a rename. */
export const currentJobName = (name: string): string => RENAMED_JOBS[name] ?? name;

/**
 * The BullMQ job id for a payload: from business keys, so a replayed outbox row is deduplicated.
 * Separated by dots: BullMQ refuses custom ids with ':' (its key separator).
 */
export function jobIdFor(name: string, payload: unknown): string {
  const def = JOB_BY_NAME.get(name);
  if (!def) throw new Error(`unknown job ${name}`);
  return (def.jobId as (p: unknown) => string)(def.payload.parse(payload));
}
