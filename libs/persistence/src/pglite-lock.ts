import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { Logger } from '@nestjs/common';

/** Who holds a PGlite folder: written to `<folder>.lock` (in the data folder, beside the PGlite folder). */
export interface PgliteLockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
  token: string;
  /** Set by a platform process that takes backups on request (see pglite-backup.ts). */
  backupSignal?: NodeJS.Signals;
}

export class PgliteLockedError extends Error {
  constructor(readonly folder: string, readonly holder: PgliteLockHolder, lockPath: string) {
    super(
      `嵌入式数据库 ${folder} 正被另一个进程使用：pid ${holder.pid}（${holder.command}），自 ${holder.since} 起` +
        (holder.host !== hostname() ? `，在主机 ${holder.host} 上` : '') +
        `。\n两个进程同时打开同一个嵌入式数据库会丢数据甚至损坏数据目录，所以本进程没有打开它。\n` +
        `请先停止那个进程（在它的终端按 Ctrl-C，或 kill ${holder.pid}），或用 PARKMATCH_DATA_DIR 指定另一个数据目录；` +
        `若确认该进程已不存在，可删除 ${lockPath} 后重试。`,
    );
    this.name = 'PgliteLockedError';
  }
}

export interface PgliteLock {
  path: string;
  holder: PgliteLockHolder;
  release(): void;
}

const log = new Logger('PgliteLock');
/** Locks this process holds (lock path → token): a lock naming our own pid is ours only if listed here. */
const held = new Map<string, string>();
process.once('exit', () => {
  for (const [path, token] of held) removeIfOurs(path, token);
});

export function lockPathFor(folder: string): string {
  return folder.replace(/\/+$/, '') + '.lock';
}

export function readPgliteLock(folder: string): PgliteLockHolder | undefined {
  try {
    return JSON.parse(readFileSync(lockPathFor(folder), 'utf8')) as PgliteLockHolder;
  } catch {
    return undefined;
  }
}

/** True while the holder's process exists (or cannot be checked: another host). */
export function holderIsAlive(holder: PgliteLockHolder): boolean {
  if (holder.host !== hostname()) return true;
  // Our own pid: ours if this process took it, else a previous process that had the same pid (containers).
  if (holder.pid === process.pid) return [...held.values()].includes(holder.token);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder's lock before PGlite opens it, or throws PgliteLockedError naming the holder.
 * The lock file is written complete under a temporary name and then link(2)ed to its name: like
 * O_EXCL, link fails when the name exists, so of two processes starting at once exactly one wins.
 * A lock whose process is gone is taken over (and logged).
 */
export function acquirePgliteLock(folder: string, command = [process.argv0, ...process.argv.slice(1)].join(' ')): PgliteLock {
  const path = lockPathFor(folder);
  mkdirSync(dirname(path), { recursive: true });
  const me: PgliteLockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const tmp = `${path}.${me.token}.tmp`;
  writeFileSync(tmp, JSON.stringify(me) + '\n');
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        linkSync(tmp, path);
        held.set(path, me.token);
        return { path, holder: me, release: () => release(path, me.token) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const text = readText(path);
      if (text === undefined) continue; // released meanwhile
      const holder = parse(text);
      if (holder && holderIsAlive(holder)) throw new PgliteLockedError(folder, holder, path);
      takeOverStale(path, text, holder);
    }
    throw new Error(`无法取得 ${path}：锁文件反复变化，请稍后重试`);
  } finally {
    unlinkSync(tmp);
  }
}

/** Rewrites our lock with more about us (e.g. that we take backups on request); no-op if not ours. */
export function updatePgliteLock(folder: string, extra: Partial<Pick<PgliteLockHolder, 'backupSignal'>>): void {
  const path = lockPathFor(folder);
  const token = held.get(path);
  const current = parse(readText(path) ?? '');
  if (!token || current?.token !== token) return;
  const tmp = `${path}.${token}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...current, ...extra }) + '\n');
  renameSync(tmp, path);
}

function takeOverStale(path: string, text: string, holder: PgliteLockHolder | undefined): void {
  // One taker at a time (an O_EXCL guard file): under the guard the stale content can only be replaced
  // by a taker, so "still the same stale file, remove it" cannot remove a live lock.
  const guard = `${path}.takeover`;
  try {
    writeFileSync(guard, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    try {
      if (Date.now() - statSync(guard).mtimeMs > 10_000) unlinkSync(guard); // its taker died mid-takeover
    } catch {
      /* gone meanwhile */
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    return;
  }
  try {
    if (readText(path) !== text) return;
    unlinkSync(path);
  } finally {
    unlinkSync(guard);
  }
  log.warn(
    holder
      ? `接管过期的锁 ${path}：持有者 pid ${holder.pid}（${holder.command}，自 ${holder.since}）已不存在`
      : `接管无法读取的锁文件 ${path}`,
  );
}

function release(path: string, token: string): void {
  removeIfOurs(path, token);
  held.delete(path);
}

function removeIfOurs(path: string, token: string): void {
  try {
    if (parse(readText(path) ?? '')?.token === token) unlinkSync(path);
  } catch {
    /* already gone */
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parse(text: string): PgliteLockHolder | undefined {
  try {
    const h = JSON.parse(text) as PgliteLockHolder;
    return Number.isInteger(h.pid) && typeof h.token === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}
