import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { PRODUCER, SETTINGS } from '#core';
import { UnitOfWork } from '#persistence';
import type { QueueProducer } from '#queues';
import type { Settings } from '#settings';
import { AuditService } from './audit.service.js';
import { AuthService } from './auth.service.js';
import { seedDemoUsers } from './demo-users.js';
import { RateLimits, RedisCounters } from './rate-limiter.js';

/** With DEMO_USERS (default true; production sets false) the demo users are created at start, idempotently. */
@Injectable()
export class DemoUsersSeeder implements OnApplicationBootstrap {
  private readonly log = new Logger('Auth');
  constructor(private readonly uow: UnitOfWork, @Inject(SETTINGS) private readonly settings: Settings) {}
  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.DEMO_USERS) return;
    const { created, users } = await this.uow.transaction((r) => seedDemoUsers(r));
    this.log.log(`demo users: ${users.length} (${created} created now); set DEMO_USERS=false in production`);
  }
}

/** Rate-limit counters on the producer's Redis connection (it fails fast while Redis is down; then memory counts). */
const rateLimits = {
  provide: RateLimits,
  useFactory: (producer: QueueProducer, s: Settings) => new RateLimits(new RedisCounters(producer.connection, `${s.QUEUE_PREFIX}:rl:`)),
  inject: [PRODUCER, SETTINGS],
};

@Module({ providers: [AuthService, AuditService, DemoUsersSeeder, rateLimits], exports: [AuthService, AuditService, RateLimits] })
export class AuthModule {}
