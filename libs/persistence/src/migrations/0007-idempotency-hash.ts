import type { Kysely } from 'kysely';

/**
 * The hash of the submission an Idempotency-Key was first used with, so the same key with another body is
 * refused rather than answered with the first lead. Leads stored before have none and match any body.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('leads').addColumn('idempotency_hash', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('leads').dropColumn('idempotency_hash').execute();
}
