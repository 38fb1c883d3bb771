// Test support owned by the library: its specs and the tests under tests/ open their databases here.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../connect.js';
import { migrateToLatest } from '../migrate.js';

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

/** A migrated database of the given kind (PGlite in memory, or a new database on the server). */
export async function openTestDatabase(kind: DatabaseKind, opts: { migrate?: boolean } = {}): Promise<DatabaseHandle & { url?: string }> {
  const url = kind === 'postgres' ? await createServerDatabase() : undefined;
  const handle = await connectDatabase(url ? { databaseUrl: url } : { dataDir: 'memory://' });
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  return { ...handle, url };
}
