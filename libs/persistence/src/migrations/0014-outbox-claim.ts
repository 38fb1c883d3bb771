import type { Kysely } from 'kysely';

/**
 * A relay claims outbox rows with a short lease instead of a row lock held while Redis takes the jobs: with PGlite's
 * single connection that wait stopped every other query; several relays still never publish one row at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('claimed_until', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('claimed_until').execute();
}
