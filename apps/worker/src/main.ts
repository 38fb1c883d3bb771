import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DatabaseHandle } from '#persistence';
import { createLogger, exitOnSignals, openPlatformDatabase } from '#core';
import { runningJobs } from '#queues';
import { loadSettings, SettingsError } from '#settings';
import { PlatformModule } from '#platform';
import { serveWorkerMetrics } from './metrics-server.js';

async function main(): Promise<void> {
  const settings = loadSettings();
  if (settings.embeddedDatabase || !settings.REDIS_URL)
    throw new SettingsError([
      ...(settings.embeddedDatabase ? [{ variable: 'DATABASE_URL', message: 'a separate worker needs a PostgreSQL server (the embedded database runs the workers inside the API process)' }] : []),
      ...(!settings.REDIS_URL ? [{ variable: 'REDIS_URL', message: 'a separate worker needs the Redis the API uses' }] : []),
    ]);
  const log = createLogger(settings);
  let app: INestApplicationContext | undefined;
  let database: DatabaseHandle | undefined;
  let metrics: Awaited<ReturnType<typeof serveWorkerMetrics>>;
  exitOnSignals({
    timeoutMs: settings.SHUTDOWN_TIMEOUT_MS,
    log,
    async stop(stage) {
      stage(app ? '等待进行中的任务、关闭数据库与队列连接' : '关闭数据库');
      metrics?.close();
      if (app) await app.close();
      else await database?.close();
    },
    running: () => runningJobs().map((j) => `任务 ${j}`),
  });
  database = await openPlatformDatabase(settings);
  app = await NestFactory.createApplicationContext(PlatformModule.register({ settings, database, redisUrl: settings.REDIS_URL }), { logger: log });
  await app.init();
  metrics = await serveWorkerMetrics(settings, log);
}

main().catch((e: Error) => {
  process.stderr.write(e instanceof SettingsError ? e.message + '\n' : `worker failed to start: ${e.stack ?? e.message}\n`);
  process.exit(e instanceof SettingsError ? 2 : 1);
});
