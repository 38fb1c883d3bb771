import { sql, type Kysely } from 'kysely';

/**
 * The prospect inbox (issue 14): company lists a board or park uploads for one park, one row per company, scored by
 * the queued workers against the park's directions and open scenarios; a prospect becomes a lead or is dismissed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('prospect_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('park_id', 'text', (c) => c.notNull().references('parks.id'))
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('file_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('prospects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('prospect_batches.id'))
    .addColumn('park_id', 'text', (c) => c.notNull().references('parks.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('scope', 'text')
    .addColumn('products', 'text')
    .addColumn('investments', 'text')
    .addColumn('source', 'text')
    .addColumn('score', 'double precision')
    .addColumn('reasons', 'jsonb')
    .addColumn('scenarios', 'jsonb')
    .addColumn('scored_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('dismiss_reason', 'text')
    .addColumn('lead_id', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('prospects_batch_seq', ['batch_id', 'seq'])
    .execute();
  await sql`create index prospects_park_rank on prospects (park_id, status, score desc nulls last, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('prospects').execute();
  await db.schema.dropTable('prospect_batches').execute();
}
