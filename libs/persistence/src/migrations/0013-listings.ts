import { sql, type Kysely } from 'kysely';

/**
 * Park listings (issue 14): 应用场景, 基金 and 载体 that a park publishes city-wide. A revision is a new
 * listing_versions row (never updated: history stays readable); listings keeps the current version and the
 * few fields lists filter on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('park_id', 'text', (c) => c.notNull().references('parks.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('listings_kind_status').on('listings').columns(['kind', 'status', 'updated_at']).execute();
  await db.schema.createIndex('listings_park').on('listings').columns(['park_id', 'kind']).execute();

  await db.schema
    .createTable('listing_versions')
    .addColumn('listing_id', 'text', (c) => c.notNull().references('listings.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('listing_versions_pk', ['listing_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('listing_versions').execute();
  await db.schema.dropTable('listings').execute();
}
