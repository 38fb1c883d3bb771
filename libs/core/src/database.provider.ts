import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { loadParkCatalog } from '#catalog';
import { backupFileName, backupsDir, connectDatabase, migrateToLatest, pgliteDir, pruneAutoBackups, type DatabaseHandle } from '#persistence';
import type { QueueProducer } from '#queues';
import type { Settings } from '#settings';
import { DATABASE, PRODUCER } from './tokens.js';

/**
 * Opens the database, applies pending migrations and loads the park catalog before anything serves.
 * `autoBackup` (the API's start): an existing embedded database is backed up first (BACKUP_KEEP kept).
 */
export async function openPlatformDatabase(settings: Settings, opts: { autoBackup?: boolean } = {}): Promise<DatabaseHandle> {
  const log = new Logger('Database');
  const bounds = { acquireTimeoutMs: settings.DB_ACQUIRE_TIMEOUT_MS, statementTimeoutMs: settings.DB_STATEMENT_TIMEOUT_MS };
  const folder = pgliteDir(settings.dataDir);
  const existed = existsSync(join(folder, 'PG_VERSION'));
  const handle = await connectDatabase(settings.DATABASE_URL ? { databaseUrl: settings.DATABASE_URL, ...bounds } : { dataDir: folder, ...bounds });
  if (opts.autoBackup && existed && handle.backup && settings.BACKUP_KEEP > 0) {
    try {
      const { file, bytes } = await handle.backup(join(backupsDir(folder), backupFileName('auto')));
      const removed = pruneAutoBackups(folder, settings.BACKUP_KEEP);
      log.log(`automatic backup ${file} (${Math.round(bytes / 1024)} KiB); kept the last ${settings.BACKUP_KEEP}, removed ${removed.length}`);
    } catch (e) {
      log.warn(`自动备份失败，继续启动：${(e as Error).message}`);
    }
  }
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
