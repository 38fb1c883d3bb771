import { sql, type Kysely } from 'kysely';

/** The second response clock: an open offer still undecided at its assessment deadline is escalated once more. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('offers').addColumn('assess_escalated_at', 'timestamptz').execute();
  // The watcher asks for open offers past a clock and not yet escalated for it, oldest first.
  await sql`create index offers_open_respond_by on offers (respond_by) where status = 'open' and escalated_at is null`.execute(db);
  await sql`create index offers_open_assess_by on offers (assess_by) where status = 'open' and assess_escalated_at is null`.execute(db);
}
