import 'reflect-metadata';
import { join } from 'node:path';
import { createLogger, exitOnSignals, openPlatformDatabase, requestsInFlight, serveBackupRequests } from '#core';
import { startRedis } from '#launcher';
import { DEMO_PASSWORD, demoUsers } from '#auth';
import { PgliteLockedError, PgliteUnopenableError } from '#persistence';
import { runningJobs } from '#queues';
import { isLoopbackHost, loadSettings, SettingsError, type Settings } from '#settings';
import { startApi } from './bootstrap.js';

/**
 * Starts the platform: with no REDIS_URL a private redis-server in the data folder; with no
 * DATABASE_URL the embedded PGlite database, whose single process also hosts the workers.
 */
async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = loadSettings();
  } catch (e) {
    if (e instanceof SettingsError) {
      process.stderr.write(e.message + '\n');
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(settings);
  // Until the app is up a signal stops what has started so far (the database lock, the private Redis).
  let app: Awaited<ReturnType<typeof startApi>>['app'] | undefined;
  let database: Awaited<ReturnType<typeof openPlatformDatabase>> | undefined;
  let stopRedis: (() => Promise<void>) | undefined;
  let requests: () => string[] = () => [];
  exitOnSignals({
    timeoutMs: settings.SHUTDOWN_TIMEOUT_MS,
    log,
    async stop(stage) {
      stage('关闭 HTTP 服务、后台任务、数据库与队列连接');
      if (app) await app.close();
      else await database?.close();
      stage('停止私有 redis-server');
      await stopRedis?.();
    },
    running: () => [...runningJobs().map((j) => `任务 ${j}`), ...requests()],
  });
  let redisUrl = settings.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedis({ dir: join(settings.dataDir, 'redis') });
    redisUrl = redis.url;
    stopRedis = redis.stop;
    process.once('exit', () => redis.child.kill()); // also when the shutdown deadline cuts the stop short
    log.log(`started redis-server at ${redis.url} (pid ${redis.pid})`, 'Launcher');
  }
  try {
    database = await openPlatformDatabase(settings, { autoBackup: true });
  } catch (e) {
    if (!(e instanceof PgliteLockedError || e instanceof PgliteUnopenableError)) throw e;
    process.stderr.write(`ParkMatch 未能启动：${e.message}\n`);
    await stopRedis?.();
    process.exit(3);
  }
  serveBackupRequests(database, log);
  const started = await startApi({ settings, database, redisUrl, inProcessWorker: settings.embeddedDatabase });
  app = started.app;
  requests = requestsInFlight(app.getHttpServer());
  const url = started.url;
  log.log(`ParkMatch is up: ${url}`, 'Launcher');
  if (!isLoopbackHost(settings.HOST)) {
    const warning = `注意：平台监听 ${settings.HOST}，本机以外的计算机可以访问；请确认已设置防火墙与强密码${settings.DEMO_USERS ? '，且演示账号（ALLOW_DEMO_USERS_ON_NETWORK=true）确为有意开放' : ''}。 / Warning: listening on ${settings.HOST}, reachable from other machines.`;
    log.warn(warning, 'Launcher');
    process.stdout.write(`\n  ${warning}\n`);
  }
  process.stdout.write(
    [
      '',
      `  ParkMatch 南通科技招商共享平台 (${database.kind}${settings.embeddedDatabase ? ', workers in this process' : ''})`,
      `  控制台 console   ${url}/`,
      `  园区 parks API   ${url}/api/parks`,
      `  接口文档 docs    ${url}/docs`,
      `  健康 health      ${url}/health`,
      `  队列 queues      ${url}/admin/queues  (admin / ADMIN_PASSWORD)`,
      '',
    ].join('\n') + '\n',
  );
  if (settings.DEMO_USERS) {
    const users = await database.uow.read((r) => demoUsers(r));
    const of = (role: string) => users.filter((u) => u.role === role).map((u) => u.username);
    process.stdout.write(
      [
        `  演示账号 demo users — 密码 password: ${DEMO_PASSWORD}   (生产环境请设置 DEMO_USERS=false / production: set DEMO_USERS=false)`,
        `    系统管理员 admin      admin`,
        `    市科技局 manager      manager`,
        `    板块 promoters        ${of('promoter').join(', ')}`,
        `    园区 park operators   ${of('park_operator').join(', ')}`,
        '',
      ].join('\n') + '\n',
    );
  }
}

main().catch((e: Error) => {
  process.stderr.write(`ParkMatch failed to start: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
