import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { dbAcquireWait } from '#observability';
import { dumpPglite, PGLITE_EXTENSIONS, PgliteUnopenableError } from './pglite-backup.js';
import { acquirePgliteLock } from './pglite-lock.js';
import type { Database } from './schema.js';
import { UnitOfWork } from './unit-of-work.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  /** The root client: for migrations, start-up and tests. Services get `uow` (UnitOfWork) only. */
  db: Kysely<Database>;
  uow: UnitOfWork;
  kind: DatabaseKind;
  /** Where the data lives, for logs (the URL without its password, or the PGlite folder). */
  location: string;
  /** PGlite only: writes a consistent dump of the data folder to `target`. */
  backup?(target: string): Promise<{ file: string; bytes: number }>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** A PostgreSQL server; without it PGlite runs in-process on `dataDir`. */
  databaseUrl?: string;
  /** Folder for PGlite files; `memory://` keeps them in memory. */
  dataDir?: string;
  poolSize?: number;
  /** Longest wait for a free connection before DatabaseBusyError (a 503). */
  acquireTimeoutMs?: number;
  /** PostgreSQL server: longest statement, and longest idle time inside an open transaction. */
  statementTimeoutMs?: number;
}

const DEFAULT_ACQUIRE_TIMEOUT_MS = 10_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

// Both drivers return timestamptz as Date and bigint (int8) as string; counts are cast to int in SQL.
export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  const acquireTimeoutMs = options.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS;
  if (options.databaseUrl) {
    const statementTimeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: acquireTimeoutMs,
      statement_timeout: statementTimeout,
      idle_in_transaction_session_timeout: statementTimeout,
    });
    pool.on('error', () => undefined); // an idle client's error surfaces on the next query instead of crashing
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: timedAcquire(pool, 'postgres') }) });
    const url = new URL(options.databaseUrl);
    url.password = url.password ? '***' : '';
    return { db, uow: new UnitOfWork(db, { acquireTimeoutMs, kind: 'postgres' }), kind: 'postgres', location: url.toString(), close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  const lock = dataDir.startsWith('memory://') ? undefined : acquirePgliteLock(dataDir);
  if (lock) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, extensions: PGLITE_EXTENSIONS }).catch((e: unknown) => {
    lock?.release();
    throw lock ? new PgliteUnopenableError(dataDir, e) : e;
  });
  // PGlite is a single connection: a pool of one serializes transactions correctly. Its statements cannot be
  // interrupted (they run on this thread), so the bound is on waiting for the connection.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, connectionTimeoutMillis: acquireTimeoutMs });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: timedAcquire(pool, 'pglite') }) });
  return {
    db,
    uow: new UnitOfWork(db, { acquireTimeoutMs, kind: 'pglite' }),
    kind: 'pglite',
    location: dataDir,
    backup: (target) => dumpPglite(pglite, db as Kysely<never>, target),
    close: async () => {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}

/** The pool as Kysely uses it, with every wait for a connection measured (parkmatch_db_acquire_wait_seconds). */
function timedAcquire(pool: pg.Pool, database: DatabaseKind): { connect(): Promise<pg.PoolClient>; end(): Promise<void> } {
  const wait = dbAcquireWait.labels(database);
  return {
    async connect() {
      const end = wait.startTimer();
      try {
        return await pool.connect();
      } finally {
        end();
      }
    },
    end: () => pool.end(),
  };
}

export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}
