import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobDuration, withRequestId } from '#observability';
import { currentJobName, JOB_BY_NAME, QUEUES, RENAMED_QUEUES, type QueueName } from './queue-catalog.js';
import { JobBatcher } from './job-batcher.js';
import { assertHandlersComplete, JOB_BATCH, JOB_HANDLER, type BatchOptions, type Settled } from './job-handler.js';
import { createRedis } from './redis-connection.js';

export const WORKER_OPTIONS = Symbol('WORKER_OPTIONS');
export interface WorkerOptions {
  redisUrl: string;
  prefix: string;
  /** Jobs a queue's worker runs at once (default 8; for a batched job, twice its batch size, so one batch fills while another runs). */
  concurrency?: Partial<Record<QueueName, number>>;
  /** BullMQ lockDuration: a killed worker's jobs are taken over after this long. */
  lockDuration?: number;
}

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

const hosts = new Set<WorkerHost>();
/** The jobs this process is running now (every WorkerHost), e.g. for the shutdown log. */
export function runningJobs(): string[] {
  return [...hosts].flatMap((h) => h.activeJobs());
}

/** Runs one BullMQ Worker per queue and dispatches each job by name to its @JobHandler method. */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('WorkerHost');
  private readonly jobLog = new Logger('Job');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private readonly active = new Map<Job, Promise<unknown>>();
  private readonly handlers = new Map<string, Handler>();
  private readonly batchSizes = new Map<string, number>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(WORKER_OPTIONS) private readonly options: WorkerOptions,
  ) {}

  onApplicationBootstrap(): void {
    const found: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const name = this.reflector.get<string | undefined>(JOB_HANDLER, (proto as Record<string, () => unknown>)[method]!);
        if (!name) continue;
        found.push(name);
        const fn = (instance[method] as (p: unknown) => Promise<unknown>).bind(instance);
        const batch = this.reflector.get<BatchOptions | undefined>(JOB_BATCH, (proto as Record<string, () => unknown>)[method]!);
        if (!batch) {
          this.handlers.set(name, fn);
          continue;
        }
        const batcher = new JobBatcher(fn as (p: unknown[]) => Promise<Settled<unknown>[]>, batch, (e, n) => this.log.warn(`batch of ${n} ${name} jobs failed (${e.message}); each runs alone`));
        this.handlers.set(name, (payload) => batcher.submit(payload));
        this.batchSizes.set(name, batch.max);
      }
    }
    assertHandlersComplete(found);
    hosts.add(this);
    const queues: [string, QueueName][] = [...Object.values(QUEUES).map((q): [string, QueueName] => [q, q]), ...Object.entries(RENAMED_QUEUES)];
    for (const [queue, current] of queues) {
      const connection = createRedis(this.options.redisUrl, 'worker');
      this.connections.push(connection);
      const worker = new Worker(queue, (job) => this.track(job), {
        connection,
        prefix: this.options.prefix,
        concurrency: this.options.concurrency?.[current] ?? this.defaultConcurrency(current),
        ...(this.options.lockDuration ? { lockDuration: this.options.lockDuration, stalledInterval: this.options.lockDuration } : {}),
        // A job whose worker was killed or starved goes back to the queue; BullMQ's default fails it on its second
        // stall, and a failed score job is a lead never shared. Jobs are idempotent, so running one again is safe.
        maxStalledCount: 5,
      });
      worker.on('error', (err) => this.log.warn(`queue ${queue}: ${err.message}`));
      worker.on('failed', (job, err) => this.log.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
      this.workers.push(worker);
    }
    this.log.log(`workers running for ${this.workers.length} queues (${Object.keys(RENAMED_QUEUES).length} under an old name), ${this.handlers.size} job types`);
  }

  private defaultConcurrency(queue: QueueName): number {
    const batched = [...JOB_BY_NAME.values()].filter((j) => j.queue === queue).map((j) => this.batchSizes.get(j.name) ?? 0);
    return Math.max(8, ...batched.map((n) => 2 * n));
  }

  /** The jobs this process is running now, e.g. for the shutdown log. */
  activeJobs(): string[] {
    return [...this.active.keys()].map((j) => `${j.name} ${j.id}`);
  }

  private track(job: Job): Promise<unknown> {
    const run = this.dispatch(job).finally(() => this.active.delete(job));
    this.active.set(job, run);
    return run;
  }

  private async dispatch(job: Job): Promise<unknown> {
    const name = currentJobName(job.name);
    const def = JOB_BY_NAME.get(name);
    const handler = this.handlers.get(name);
    if (!def || !handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const parsed = def.payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.message}`);
    return this.observed(job, parsed.data as { requestId?: string }, () => handler(parsed.data, job));
  }

  /**
   * Runs a job under its request id (outbox rows it writes carry it on), times it and writes one JSON log line: the
   * job, its payload ids, the request id, the outcome and the milliseconds.
   */
  private async observed(job: Job, payload: { requestId?: string }, run: () => Promise<unknown>): Promise<unknown> {
    const { requestId, ...ids } = payload;
    const end = jobDuration.startTimer({ job: job.name });
    const t0 = performance.now();
    const line = (outcome: string, error?: string) => ({
      msg: `job ${job.name} ${outcome}`,
      requestId: requestId ?? null,
      job: job.name,
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      ...ids,
      outcome,
      ms: Math.round((performance.now() - t0) * 10) / 10,
      ...(error ? { error } : {}),
    });
    try {
      const result = await withRequestId(requestId ?? `job.${job.id}`, run);
      end({ outcome: 'completed' });
      this.jobLog.log(line('completed'));
      return result;
    } catch (e) {
      end({ outcome: 'failed' });
      this.jobLog.warn(line('failed', (e as Error).message));
      throw e;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // BullMQ's graceful close waits for Redis to confirm; with Redis unreachable that wait never ends.
    // Then let the running jobs finish their database work and close without Redis: their completion
    // cannot be recorded, so they run again later (jobs are idempotent).
    const redisUp = this.connections.every((c) => c.status === 'ready');
    if (!redisUp) this.log.warn(`Redis unreachable at shutdown: ${this.active.size} running jobs finish without confirmation`);
    const closing = this.workers.map((w) => w.close(!redisUp));
    if (!redisUp) await Promise.allSettled(this.active.values());
    await Promise.all(closing);
    for (const c of this.connections) c.disconnect();
    hosts.delete(this);
  }
}
