import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type Kysely } from 'kysely';
import { acquirePgliteLock } from './pglite-lock.js';

/**
 * Backups of the embedded database: PGlite's dumpDataDir() tarball (gzip) of the whole data folder,
 * taken while this process holds the pool's only connection, so no transaction is half-way; restore
 * loads it into an empty folder with PGlite's loadDataDir.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** `<data>/backups` for the PGlite folder `<data>/pglite`. */
export function backupsDir(folder: string): string {
  return join(dirname(resolve(folder)), 'backups');
}

/** `<timestamp>.tar.gz` (on request) or `<timestamp>-auto.tar.gz` (at start); names sort by time. */
export function backupFileName(kind: 'manual' | 'auto', at = new Date()): string {
  return `${at.toISOString().replace(/[:.]/g, '-')}${kind === 'auto' ? '-auto' : ''}.tar.gz`;
}

export function listBackups(folder: string): string[] {
  const dir = backupsDir(folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tar.gz'))
    .sort()
    .reverse()
    .map((f) => join(dir, f));
}

/** Keeps the newest `keep` automatic backups; backups taken on request are never removed. */
export function pruneAutoBackups(folder: string, keep: number): string[] {
  const old = listBackups(folder).filter((f) => f.endsWith('-auto.tar.gz')).slice(keep);
  for (const f of old) unlinkSync(f);
  return old;
}

/** Writes a consistent dump of the open database to `target` (complete or not at all). */
export async function dumpPglite(pglite: PGlite, db: Kysely<never>, target: string): Promise<{ file: string; bytes: number }> {
  mkdirSync(dirname(target), { recursive: true });
  const bytes = await db.connection().execute(async (conn) => {
    await sql`checkpoint`.execute(conn);
    return Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
  });
  const partial = `${target}.partial`;
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, target);
  return { file: resolve(target), bytes: bytes.length };
}

export class PgliteUnopenableError extends Error {
  constructor(readonly folder: string, cause: unknown) {
    const newest = listBackups(folder)[0];
    super(
      `嵌入式数据库 ${folder} 无法打开（${String((cause as Error)?.message ?? cause).split('\n')[0]}）：数据目录已损坏，` +
        `常见原因是两个进程同时打开过它，或写入时进程被强行终止。\n` +
        (newest
          ? `请恢复最近的备份 ${basename(newest)}（${statSync(newest).mtime.toISOString()}）：\n  npm run restore ${newest}\n` +
            `损坏的目录会被移到一旁保留（不会删除）。其他备份在 ${backupsDir(folder)}。`
          : `${backupsDir(folder)} 中没有备份。可把 ${folder} 移走后重新启动（会建一个空数据库），损坏的目录可交给技术人员检查。`),
      { cause },
    );
    this.name = 'PgliteUnopenableError';
  }
}

export class RestoreError extends Error {}

/**
 * Restores `file` into `folder`: refused while a live process holds the folder; the current folder is
 * kept aside as `<folder>.before-restore-<time>`, and put back if the backup cannot be loaded.
 */
export async function restorePglite(file: string, folder: string): Promise<{ keptAside?: string }> {
  if (!existsSync(file)) throw new RestoreError(`备份文件 ${file} 不存在。已有的备份：\n${listBackups(folder).map((f) => '  ' + f).join('\n') || '  （无）'}`);
  const lock = acquirePgliteLock(folder);
  let keptAside: string | undefined;
  try {
    if (existsSync(folder)) {
      keptAside = `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(folder, keptAside);
    }
    mkdirSync(folder, { recursive: true });
    try {
      const tarball = new Blob([readFileSync(file)], { type: 'application/x-gzip' });
      const pglite = await PGlite.create({ dataDir: folder, loadDataDir: tarball, extensions: PGLITE_EXTENSIONS });
      await pglite.query('select 1');
      await pglite.close();
    } catch (e) {
      rmSync(folder, { recursive: true, force: true });
      if (keptAside) renameSync(keptAside, folder);
      throw new RestoreError(`无法从 ${file} 恢复（${(e as Error).message}）：它不是完好的备份；数据目录保持原样。`);
    }
    return { keptAside };
  } finally {
    lock.release();
  }
}

/**
 * Backups while the platform runs: the backup command cannot open the folder the platform holds, so it
 * leaves a request beside the lock and signals the holder, which writes the dump and a reply.
 */
export const BACKUP_SIGNAL: NodeJS.Signals = 'SIGUSR2';
const requestsDir = (folder: string) => `${folder.replace(/\/+$/, '')}.backup-requests`;

export function writeBackupRequest(folder: string, target: string): { id: string; reply: string } {
  const dir = requestsDir(folder);
  mkdirSync(dir, { recursive: true });
  const id = `${process.pid}-${Date.now()}`;
  writeFileSync(join(dir, `${id}.json.tmp`), JSON.stringify({ target: resolve(target) }));
  renameSync(join(dir, `${id}.json.tmp`), join(dir, `${id}.json`));
  return { id, reply: join(dir, `${id}.reply`) };
}

/** In the holder: answers every pending request with `backup(target)`. */
export async function answerBackupRequests(folder: string, backup: (target: string) => Promise<{ file: string; bytes: number }>): Promise<number> {
  const dir = requestsDir(folder);
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const req = join(dir, f);
    let reply: unknown;
    try {
      const { target } = JSON.parse(readFileSync(req, 'utf8')) as { target: string };
      reply = { ok: true, ...(await backup(target)), pid: process.pid };
    } catch (e) {
      reply = { ok: false, error: (e as Error).message, pid: process.pid };
    }
    const out = req.replace(/\.json$/, '.reply');
    writeFileSync(`${out}.tmp`, JSON.stringify(reply));
    renameSync(`${out}.tmp`, out);
    rmSync(req, { force: true });
    n++;
  }
  return n;
}
