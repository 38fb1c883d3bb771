import { sql, type Kysely } from 'kysely';

/**
 * The band-key index without GIN's pending list: every lookup scans that list whole, and PGlite runs no autovacuum to
 * empty it, so on PGlite a burst of new leads made each 项目撞车 search slower than the last.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter index leads_description_bands set (fastupdate = off)`.execute(db);
  await sql`select gin_clean_pending_list('leads_description_bands'::regclass)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter index leads_description_bands reset (fastupdate)`.execute(db);
}
