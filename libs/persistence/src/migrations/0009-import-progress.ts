import { sql, type Kysely } from 'kysely';

/**
 * Import batches say what happened: warnings (unknown columns, no data rows), the row of a file-level
 * error, the last sheet row stored (where an interrupted import resumes), the encoding read, and a note
 * (who cancelled, why it was interrupted). Status gains scoring, cancelled, interrupted and empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('import_batches')
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('file_error_row', 'integer')
    .addColumn('last_row', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('encoding', 'text')
    .addColumn('note', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of ['warnings', 'file_error_row', 'last_row', 'encoding', 'note']) await db.schema.alterTable('import_batches').dropColumn(c).execute();
}
