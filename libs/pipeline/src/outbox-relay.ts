import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PRODUCER, SETTINGS } from '#core';
import { UnitOfWork } from '#persistence';
import type { QueueProducer } from '#queues';
import type { Settings } from '#settings';

const BATCH = 1000;
/** A row the queue refuses this many times (with Redis up) is a dead letter, not retried. */
export const OUTBOX_MAX_ATTEMPTS = 10;

/**
 * Moves committed outbox rows onto BullMQ. While Redis is down the rows stay and are retried on
 * every tick, so a lead accepted by the API is never lost. Several relays may run: rows are claimed
 * with a lease (SKIP LOCKED) and job ids come from business keys.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private redisWasDown = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(PRODUCER) private readonly producer: QueueProducer,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    // Every commit that wrote outbox rows nudges the relay: no service has to remember to.
    this.unsubscribe = uow.onOutboxCommitted(() => this.nudge());
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.timer);
    await this.running;
  }

  /** Publish soon: after every commit that wrote outbox rows. */
  private nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Publishes everything pending now; returns how many rows went out. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n < BATCH) return total;
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.flush()
      .then(() => {
        if (this.redisWasDown) this.log.log('Redis is back: outbox delivered');
        this.redisWasDown = false;
      })
      .catch((e: Error) => {
        if (!this.redisWasDown) this.log.warn(`outbox waits: ${e.message}`);
        this.redisWasDown = true;
      })
      .finally(() => {
        this.running = undefined;
        const next = this.again ? 0 : this.settings.OUTBOX_POLL_MS;
        this.again = false;
        this.schedule(next);
      });
  }

  /** Claims rows (a short statement), publishes them with no connection held, then marks them. */
  private async publishBatch(): Promise<number> {
    const rows = await this.uow.read((r) => r.outbox.claimPending(BATCH, OUTBOX_MAX_ATTEMPTS));
    if (!rows.length) return 0;
    const ids = rows.map((row) => row.id);
    try {
      await this.producer.addAll(rows.map((row) => ({ name: row.jobName, payload: row.payload })));
      await this.uow.read((r) => r.outbox.markPublished(ids));
      return rows.length;
    } catch (e) {
      // Redis down: every row stays pending for the next tick.
      if (!(await this.producer.ping())) {
        await this.uow.read((r) => r.outbox.release(ids)).catch(() => undefined);
        throw e;
      }
    }
    // Redis is up, so some row itself is refused: publish one by one so one bad row blocks nothing.
    for (const row of rows) {
      try {
        await this.producer.addAll([{ name: row.jobName, payload: row.payload }]);
        await this.uow.read((r) => r.outbox.markPublished([row.id]));
      } catch (e) {
        this.log.error(`outbox row ${row.id} (${row.jobName}) refused: ${(e as Error).message}`);
        await this.uow.read((r) => r.outbox.markFailed([row.id], (e as Error).message));
      }
    }
    return rows.length;
  }
}
