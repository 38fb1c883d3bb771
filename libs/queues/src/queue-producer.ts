import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_BY_NAME, QUEUES, jobIdFor, type QueueName } from './queue-catalog.js';
import { createRedis } from './redis-connection.js';

export interface OutgoingJob {
  name: string;
  payload: unknown;
}

const ADD_TIMEOUT_MS = 5000;

/** Adds jobs to their queues; fails fast while Redis is down so callers can keep the work for later. */
export class QueueProducer {
  private readonly queues = new Map<QueueName, Queue>();
  readonly connection: Redis;

  constructor(redisUrl: string, readonly prefix: string) {
    this.connection = createRedis(redisUrl, 'producer');
    for (const q of Object.values(QUEUES)) {
      const queue = new Queue(q, { connection: this.connection, prefix });
      queue.on('error', () => undefined);
      this.queues.set(q, queue);
    }
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  allQueues(): Queue[] {
    return [...this.queues.values()];
  }

  async addAll(jobs: OutgoingJob[]): Promise<void> {
    const byQueue = new Map<QueueName, Parameters<Queue['addBulk']>[0]>();
    for (const j of jobs) {
      const def = JOB_BY_NAME.get(j.name);
      if (!def) throw new Error(`unknown job ${j.name}`);
      const list = byQueue.get(def.queue) ?? [];
      list.push({ name: j.name, data: j.payload, opts: { ...def.options, jobId: jobIdFor(j.name, j.payload) } });
      byQueue.set(def.queue, list);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not take the jobs within ${ADD_TIMEOUT_MS} ms`)), ADD_TIMEOUT_MS);
    });
    try {
      await Promise.race([Promise.all([...byQueue].map(([q, list]) => this.queue(q).addBulk(list))), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async ping(timeoutMs = 1000): Promise<boolean> {
    if (this.connection.status !== 'ready') return false;
    const result = await Promise.race([
      this.connection.ping().then(() => true, () => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs)),
    ]);
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.allQueues().map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}
