import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PRODUCER } from '#core';
import { addProbe } from '#observability';
import { UnitOfWork } from '#persistence';
import type { QueueProducer } from '#queues';
import { OUTBOX_MAX_ATTEMPTS } from './outbox-relay.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/** What /metrics reads from shared state at each scrape: queue depths, outbox lag and the unfinished imports. */
@Injectable()
export class MetricsProbes implements OnApplicationBootstrap, OnApplicationShutdown {
  private remove?: () => void;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(PRODUCER) private readonly producer: QueueProducer,
  ) {}

  onApplicationBootstrap(): void {
    const queues = () =>
      bounded(Promise.all(this.producer.allQueues().map(async (q) => ({ queue: q.name, counts: await q.getJobCounts(...STATES) }))), 2000, 'Redis');
    const database = () =>
      bounded(
        this.uow.labelled('metrics', () => this.uow.read(async (r) => ({ outbox: await r.outbox.lag(OUTBOX_MAX_ATTEMPTS), imports: await r.imports.unfinishedProgress() }))),
        5000,
        'database',
      );
    // Redis and the database are read apart, so one being down still leaves the other's gauges.
    const removeQueues = addProbe(async () => ({ queues: await queues() }));
    const removeDatabase = addProbe(database);
    this.remove = () => (removeQueues(), removeDatabase());
  }

  onApplicationShutdown(): void {
    this.remove?.();
  }
}

/** A scrape must answer even while Redis or the database does not: past `ms` the probe's gauges stay empty. */
function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}
