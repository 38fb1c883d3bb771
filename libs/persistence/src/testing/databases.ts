// Test support owned by the library: its specs and the tests under tests/ open their databases here.
import { randomBytes } from 'node:crypto';
import { Migrator, type Kysely } from 'kysely';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../connect.js';
import { migrateToLatest } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import { forSuite } from './suite.js';

export { forSuite, standIn } from './suite.js';

export type DatabaseKind = 'postgres' | 'pglite';
export const DATABASE_KINDS: DatabaseKind[] = ['postgres', 'pglite'];

/** A fresh, empty database on the test PostgreSQL server; returns its URL. */
export async function createServerDatabase(): Promise<string> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set: run the tests through `npm test`');
  const name = 'pm_' + randomBytes(6).toString('hex');
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = '/' + name;
  return url.toString();
}

export interface TestDatabaseOptions {
  /** false: no migration at all. */
  migrate?: boolean;
  /** Migrate only up to this migration (included), to store rows as they were before a later one. */
  upTo?: string;
}

/** A migrated database of the given kind (PGlite in memory, or a new database on the server). */
export async function openTestDatabase(kind: DatabaseKind, opts: TestDatabaseOptions = {}): Promise<DatabaseHandle & { url?: string }> {
  const url = kind === 'postgres' ? await createServerDatabase() : undefined;
  const handle = await connectDatabase(url ? { databaseUrl: url } : { dataDir: 'memory://' });
  if (opts.upTo) await migrateUpTo(handle.db, opts.upTo);
  else if (opts.migrate !== false) await migrateToLatest(handle.db);
  return { ...handle, url };
}

/** Applies the pending migrations up to `name` (included), and no further. */
export async function migrateUpTo(db: Kysely<any>, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(name);
  if (error) throw error;
}

/** A database of the given kind for the tests of one describe block (see forSuite). */
export function databaseForSuite(kind: DatabaseKind, opts: TestDatabaseOptions = {}): DatabaseHandle & { url?: string } {
  return forSuite(() => openTestDatabase(kind, opts), (h) => h.close());
}
