import { sql, type Kysely } from 'kysely';

/**
 * Attachments of a lead or accepted project (附件: 项目建议书, 合同扫描件…), kept in the database (bytea) so a
 * PGlite backup and a PostgreSQL dump carry them with the lead. The type is the one read from the content.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lead_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('side_kind', 'text', (c) => c.notNull())
    .addColumn('side_id', 'text', (c) => c.notNull())
    .addColumn('uploader', 'text', (c) => c.notNull())
    .addColumn('uploader_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('lead_attachments_lead').on('lead_attachments').columns(['lead_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lead_attachments').execute();
}
