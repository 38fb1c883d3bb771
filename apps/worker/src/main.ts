import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, openPlatformDatabase } from '#core';
import { loadSettings, SettingsError } from '#settings';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const settings = loadSettings();
  if (settings.embeddedDatabase || !settings.REDIS_URL)
    throw new SettingsError([
      ...(settings.embeddedDatabase ? [{ variable: 'DATABASE_URL', message: 'a separate worker needs a PostgreSQL server (the embedded database runs the workers inside the API process)' }] : []),
      ...(!settings.REDIS_URL ? [{ variable: 'REDIS_URL', message: 'a separate worker needs the Redis the API uses' }] : []),
    ]);
  const database = await openPlatformDatabase(settings);
  const app = await NestFactory.createApplicationContext(WorkerModule.register({ settings, database, redisUrl: settings.REDIS_URL }), { logger: createLogger(settings) });
  app.enableShutdownHooks();
  await app.init();
}

main().catch((e: Error) => {
  process.stderr.write(e instanceof SettingsError ? e.message + '\n' : `worker failed to start: ${e.stack ?? e.message}\n`);
  process.exit(e instanceof SettingsError ? 2 : 1);
});
