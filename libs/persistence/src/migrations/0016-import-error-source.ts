import type { Kysely } from 'kysely';

/**
 * A copy of each rejected import row as it was in the file ([header, cell] pairs in file order), so the error
 * report can show the row beside its problems and the user can fix and re-upload it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_errors').addColumn('source', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_errors').dropColumn('source').execute();
}
