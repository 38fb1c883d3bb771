import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { loadParkCatalog } from '#catalog';
import { connectDatabase, migrateToLatest, pgliteDir, type DatabaseHandle } from '#persistence';
import type { QueueProducer } from '#queues';
import type { Settings } from '#settings';
import { DATABASE, PRODUCER } from './tokens.js';

/** Opens the database, applies pending migrations and loads the park catalog before anything serves. */
export async function openPlatformDatabase(settings: Settings): Promise<DatabaseHandle> {
  const log = new Logger('Database');
  const bounds = { acquireTimeoutMs: settings.DB_ACQUIRE_TIMEOUT_MS, statementTimeoutMs: settings.DB_STATEMENT_TIMEOUT_MS };
  const handle = await connectDatabase(
    settings.DATABASE_URL ? { databaseUrl: settings.DATABASE_URL, ...bounds } : { dataDir: pgliteDir(settings.dataDir), ...bounds },
  );
  const applied = await migrateToLatest(handle.db);
  const report = await handle.uow.transaction((r) => r.parks.syncCatalog(loadParkCatalog()));
  log.log(`${handle.kind} at ${handle.location}: ${applied.length} migrations applied; catalog ${JSON.stringify(report)}`);
  return handle;
}

/** Closes the queue producer and the database last, after every other provider stopped. */
@Injectable()
export class CoreShutdown implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle, @Inject(PRODUCER) private readonly producer: QueueProducer) {}
  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
    await this.handle.close();
  }
}
