import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnitOfWork } from '#persistence';

export const HEARTBEAT_MS = 5000;

/** Writes the worker's liveness to the database, which /health reads (works while Redis is down). */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('WorkerHeartbeat');
  private readonly me = { workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, pid: process.pid, host: hostname(), startedAt: new Date() };
  private timer?: NodeJS.Timeout;

  constructor(private readonly uow: UnitOfWork) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.uow.read((r) => r.heartbeats.stop(this.me.workerId)).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    await this.uow.read((r) => r.heartbeats.beat(this.me)).catch((e: Error) => this.log.warn(`heartbeat failed: ${e.message}`));
  }
}
