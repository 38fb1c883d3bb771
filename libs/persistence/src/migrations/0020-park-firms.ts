import { sql, type Kysely } from 'kysely';

/**
 * A park's existing firms (issue 14, 补链): the list a park uploads, replaced whole by the next upload; each firm
 * with the taxonomy nodes its products and business scope were read as at upload time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('park_firms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('park_id', 'text', (c) => c.notNull().references('parks.id'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('scope', 'text')
    .addColumn('products', 'text')
    .addColumn('nodes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('park_firms_park').on('park_firms').columns(['park_id', 'row']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('park_firms').execute();
}
