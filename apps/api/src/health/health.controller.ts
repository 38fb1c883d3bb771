import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { sql } from 'kysely';
import { DATABASE, PRODUCER } from '#core';
import { HeartbeatRepository, type DatabaseHandle } from '#persistence';
import type { QueueProducer } from '#queues';
import { Public } from '../auth/decorators.js';

const WORKER_STALE_MS = 15000;

type Check = { status: 'up' | 'down'; detail?: string; latencyMs?: number };

async function timed(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<Check> {
  const t0 = Date.now();
  try {
    await Promise.race([fn(), new Promise((_, rej) => setTimeout(() => rej(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs))]);
    return { status: 'up', latencyMs: Date.now() - t0 };
  } catch (e) {
    return { status: 'down', detail: (e as Error).message };
  }
}

@ApiTags('运行状态 health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(PRODUCER) private readonly producer: QueueProducer,
    private readonly heartbeats: HeartbeatRepository,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '数据库、Redis 与工作进程的存活状态；任一异常时返回 503' })
  async check(@Res({ passthrough: true }) res: Response) {
    const database = await timed(() => sql`select 1`.execute(this.database.db));
    const redis: Check = (await this.producer.ping()) ? { status: 'up' } : { status: 'down', detail: `redis ${this.producer.connection.status}` };
    let worker: Check & { lastSeen?: string } = { status: 'down', detail: 'no worker heartbeat yet' };
    if (database.status === 'up') {
      const hb = await this.heartbeats.latest().catch(() => undefined);
      if (hb) {
        const age = Date.now() - hb.seenAt.getTime();
        worker = { status: age < WORKER_STALE_MS ? 'up' : 'down', lastSeen: hb.seenAt.toISOString(), ...(age >= WORKER_STALE_MS ? { detail: `last heartbeat ${Math.round(age / 1000)} s ago` } : {}) };
      }
    } else worker = { status: 'down', detail: 'database unreachable' };
    const status = [database, redis, worker].every((c) => c.status === 'up') ? 'ok' : 'degraded';
    res.status(status === 'ok' ? 200 : 503);
    return { status, database: { ...database, kind: this.database.kind }, redis, worker };
  }
}
