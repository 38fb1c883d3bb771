import { Global, Module, type DynamicModule } from '@nestjs/common';
import { UnitOfWork, type DatabaseHandle } from '#persistence';
import { QueueProducer } from '#queues';
import type { Settings } from '#settings';
import { CoreShutdown } from './database.provider.js';
import { DATABASE, PRODUCER, SETTINGS } from './tokens.js';

export interface CoreModuleOptions {
  settings: Settings;
  database: DatabaseHandle;
  redisUrl: string;
}

/** Settings, the database (services inject its UnitOfWork), and the queue producer: shared by API and worker. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(o: CoreModuleOptions): DynamicModule {
    const producer = new QueueProducer(o.redisUrl, o.settings.QUEUE_PREFIX);
    return {
      module: CoreModule,
      providers: [
        { provide: SETTINGS, useValue: o.settings },
        { provide: DATABASE, useValue: o.database },
        { provide: PRODUCER, useValue: producer },
        { provide: UnitOfWork, useValue: o.database.uow },
        CoreShutdown,
      ],
      exports: [SETTINGS, DATABASE, PRODUCER, UnitOfWork],
    };
  }
}
