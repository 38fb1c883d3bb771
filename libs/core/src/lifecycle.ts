import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { constants } from 'node:os';
import type { LoggerService } from '@nestjs/common';
import { answerBackupRequests, BACKUP_SIGNAL, updatePgliteLock, type DatabaseHandle } from '#persistence';

export interface ShutdownOptions {
  timeoutMs: number;
  log: LoggerService;
  /** Stops everything in order; `stage` names the step under way, for the log if the deadline hits. */
  stop(stage: (what: string) => void): Promise<void>;
  /** What is still running (jobs, imports…), logged if the deadline hits. */
  running?(): string[];
  /** A command cut short (the load run) exits 128 + the signal's number (130 for Ctrl-C) after a clean stop; a server stopped on request exits 0. */
  signalExitCode?: boolean;
}

/**
 * SIGTERM/SIGINT stop the process within `timeoutMs` whatever state Redis and the database are in:
 * `stop` runs (stop accepting, let running work finish, close database and Redis); past the deadline
 * the process exits anyway, saying what was still running; a second signal exits at once.
 */
export function exitOnSignals(o: ShutdownOptions): void {
  let stopping = false;
  let stage = '开始停止';
  const onSignal = (signal: NodeJS.Signals) => {
    const code = 128 + (constants.signals[signal] ?? 15);
    if (stopping) {
      o.log.warn(`再次收到 ${signal}：立即退出（当时正在：${stage}）`, 'Shutdown');
      process.exit(code);
    }
    stopping = true;
    o.log.log(`收到 ${signal}：停止接收新请求，进行中的任务最多再等 ${o.timeoutMs} ms；再按一次 Ctrl-C 立即退出`, 'Shutdown');
    setTimeout(() => {
      const running = o.running?.() ?? [];
      o.log.error(`停止超时（${o.timeoutMs} ms，SHUTDOWN_TIMEOUT_MS），强制退出。当时正在：${stage}；仍在进行：${running.length ? running.join('；') : '无登记的任务'}`, undefined, 'Shutdown');
      process.exit(code);
    }, o.timeoutMs);
    o.stop((what) => (stage = what)).then(
      () => {
        o.log.log('已停止', 'Shutdown');
        process.exit(o.signalExitCode ? code : 0);
      },
      (e: Error) => {
        o.log.error(`停止时出错（${stage}）：${e.message}`, e.stack, 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * While this process holds the embedded database, `npm run backup` asks it (a request file and
 * SIGUSR2) to write the dump: the dump is taken between transactions of the running platform.
 */
export function serveBackupRequests(handle: DatabaseHandle, log: LoggerService): void {
  const backup = handle.backup;
  if (!backup) return;
  let busy: Promise<unknown> = Promise.resolve();
  process.on(BACKUP_SIGNAL, () => {
    busy = busy.then(() =>
      answerBackupRequests(handle.location, async (target) => {
        const done = await backup(target);
        log.log(`backup on request: ${done.file} (${Math.round(done.bytes / 1024)} KiB)`, 'Backup');
        return done;
      }).catch((e: Error) => log.error(`备份请求失败：${e.message}`, e.stack, 'Backup')),
    );
  });
  updatePgliteLock(handle.location, { backupSignal: BACKUP_SIGNAL });
}

/** The HTTP requests a server is still answering (method and path), for the shutdown log. */
export function requestsInFlight(server: Server): () => string[] {
  const open = new Set<IncomingMessage>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    open.add(req);
    res.once('close', () => open.delete(req));
  });
  return () => [...open].map((r) => `请求 ${r.method} ${r.url?.split('?')[0]}`);
}
