import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Where the data lives, for logs (the URL without its password, or the PGlite folder). */
  location: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** A PostgreSQL server; without it PGlite runs in-process on `dataDir`. */
  databaseUrl?: string;
  /** Folder for PGlite files; `memory://` keeps them in memory. */
  dataDir?: string;
  poolSize?: number;
}

// Both drivers return timestamptz as Date and bigint (int8) as string; counts are cast to int in SQL.
export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined); // an idle client's error surfaces on the next query instead of crashing
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    url.password = url.password ? '***' : '';
    return { db, kind: 'postgres', location: url.toString(), close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  // PGlite is a single connection: a pool of one serializes transactions correctly.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}
