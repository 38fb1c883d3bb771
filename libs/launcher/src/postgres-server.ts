import { execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { findBinary, postgresBinDirs } from './find-binary.js';
import { freePort, waitFor } from './free-port.js';
import { MissingBinaryError, stopChild, type RunningService } from './redis-server.js';
import { spawnServer, systemUser } from './spawn-server.js';

/**
 * Starts a throw-away PostgreSQL server (Debian package postgresql) in `dir` on a free port.
 * C.UTF-8 locale: pg_trgm needs a UTF-8 ctype to make trigrams of Chinese text.
 */
export async function startPostgres(opts: { dir: string; port?: number; ownProcessGroup?: boolean }): Promise<RunningService & { child: ChildProcess }> {
  const dirs = postgresBinDirs();
  const initdb = findBinary('initdb', dirs);
  const postgres = findBinary('postgres', dirs);
  if (!initdb || !postgres) throw new MissingBinaryError('PostgreSQL server is not installed: run `apt-get install -y postgresql` (as root) or set TEST_DATABASE_URL');
  mkdirSync(opts.dir, { recursive: true });
  // PostgreSQL refuses to run as root: as root initdb and the server run as the `postgres` user.
  const user = process.getuid?.() === 0 ? systemUser('postgres') : undefined;
  if (user) chownSync(opts.dir, user.uid, user.gid);
  const pgdata = join(opts.dir, 'data');
  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    try {
      execFileSync(initdb, ['-D', pgdata, '-U', 'postgres', '--auth=trust', '--locale=C.UTF-8', '-E', 'UTF8'], { cwd: opts.dir, stdio: ['ignore', 'ignore', 'pipe'], ...(user ?? {}) });
    } catch (e) {
      throw new Error(`initdb failed in ${pgdata} (the folder and its parents must be reachable by the postgres user): ${(e as { stderr?: Buffer }).stderr?.toString() ?? e}`);
    }
  }
  const port = opts.port ?? (await freePort());
  // SIGINT is PostgreSQL's fast shutdown: it ends the sessions and stops at once.
  const child = spawnServer(postgres, [
    '-D', pgdata, '-p', String(port), '-k', opts.dir, '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
  ], { dieSignal: 'SIGINT', user, cwd: opts.dir, ownProcessGroup: opts.ownProcessGroup });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitFor(async () => {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }, `postgres on port ${port}`, 30000);
  return { url, port, pid: child.pid!, child, stop: () => stopChild(child, 'SIGINT') };
}
