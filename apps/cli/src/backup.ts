import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  backupFileName, backupsDir, BACKUP_SIGNAL, connectDatabase, holderIsAlive, lockPathFor, PgliteLockedError,
  PgliteUnopenableError, readPgliteLock, writeBackupRequest,
} from '#persistence';
import { SettingsError } from '#settings';
import { embeddedFolder } from './embedded.js';
import { runCommand } from './run-command.js';

/**
 * `npm run backup [-- FILE]`: a consistent dump of the embedded database to FILE (default
 * <data>/backups/<time>.tar.gz). While the platform runs it holds the folder, so it is asked to
 * write the dump itself (docs/operations.md); otherwise this command opens the folder and dumps it.
 */
const REPLY_TIMEOUT_MS = 120_000;

async function main(): Promise<number> {
  const folder = embeddedFolder('请用 pg_dump 备份它；npm run backup 只备份嵌入式数据库');
  if (!folder) return 2;
  if (!existsSync(join(folder, 'PG_VERSION'))) {
    process.stderr.write(`${folder} 中没有嵌入式数据库，无需备份（先用 npm run up 启动一次平台）。\n`);
    return 1;
  }
  const target = process.argv[2] ?? join(backupsDir(folder), backupFileName('manual'));
  const holder = readPgliteLock(folder);
  if (holder && holderIsAlive(holder)) {
    if (holder.backupSignal !== BACKUP_SIGNAL) throw new PgliteLockedError(folder, holder, lockPathFor(folder));
    const { reply } = writeBackupRequest(folder, target);
    process.kill(holder.pid, BACKUP_SIGNAL);
    const end = Date.now() + REPLY_TIMEOUT_MS;
    while (!existsSync(reply)) {
      if (Date.now() > end || !holderIsAlive(holder)) {
        process.stderr.write(`运行中的平台（pid ${holder.pid}）在 ${REPLY_TIMEOUT_MS / 1000} 秒内没有完成备份；请查看它的日志后重试。\n`);
        return 1;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const r = JSON.parse(readFileSync(reply, 'utf8')) as { ok: boolean; file?: string; bytes?: number; error?: string };
    rmSync(reply, { force: true });
    if (!r.ok) {
      process.stderr.write(`备份失败（运行中的平台 pid ${holder.pid}）：${r.error}\n`);
      return 1;
    }
    process.stdout.write(`已备份到 ${r.file}（${Math.round(r.bytes! / 1024)} KiB，由运行中的平台 pid ${holder.pid} 写出）\n`);
    return 0;
  }
  const handle = await connectDatabase({ dataDir: folder });
  try {
    const r = await handle.backup!(target);
    process.stdout.write(`已备份到 ${r.file}（${Math.round(r.bytes / 1024)} KiB）\n恢复：npm run restore ${r.file}\n`);
  } finally {
    await handle.close();
  }
  return 0;
}

runCommand(main, { what: '备份', known: [SettingsError, PgliteLockedError, PgliteUnopenableError] });
