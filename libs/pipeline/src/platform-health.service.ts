import { Inject, Injectable } from '@nestjs/common';
import { PRODUCER } from '#core';
import { describeHolders, UnitOfWork } from '#persistence';
import type { QueueProducer } from '#queues';

const WORKER_STALE_MS = 15000;
const CHECK_TIMEOUT_MS = 2000;

export type Check = { status: 'up' | 'down'; detail?: string; latencyMs?: number };

async function timed(fn: () => Promise<unknown>, timeoutMs = CHECK_TIMEOUT_MS): Promise<Check> {
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)))]);
    return { status: 'up', latencyMs: Date.now() - t0 };
  } catch (e) {
    return { status: 'down', detail: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Database, Redis and worker liveness for /health; a busy database names what holds it. */
@Injectable()
export class PlatformHealthService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(PRODUCER) private readonly producer: QueueProducer,
  ) {}

  async check() {
    const database = await timed(() => this.uow.read((r) => r.heartbeats.ping()));
    if (database.status === 'down' && !database.detail?.includes('in use by')) database.detail += `; in use by ${describeHolders(this.uow.inFlight())}`;
    const redis: Check = (await this.producer.ping()) ? { status: 'up' } : { status: 'down', detail: `redis ${this.producer.connection.status}` };
    let worker: Check & { lastSeen?: string } = { status: 'down', detail: 'no worker heartbeat yet' };
    if (database.status === 'up') {
      const hb = await this.uow.read((r) => r.heartbeats.latest()).catch(() => undefined);
      if (hb) {
        const age = Date.now() - hb.seenAt.getTime();
        worker = { status: age < WORKER_STALE_MS ? 'up' : 'down', lastSeen: hb.seenAt.toISOString(), ...(age >= WORKER_STALE_MS ? { detail: `last heartbeat ${Math.round(age / 1000)} s ago` } : {}) };
      }
    } else worker = { status: 'down', detail: 'database unreachable' };
    const status: 'ok' | 'degraded' = [database, redis, worker].every((c) => c.status === 'up') ? 'ok' : 'degraded';
    return { status, database: { ...database, kind: this.uow.kind }, redis, worker };
  }
}
