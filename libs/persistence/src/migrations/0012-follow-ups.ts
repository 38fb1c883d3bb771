import { sql, type Kysely } from 'kysely';

/**
 * The daily work around a lead (issue 13): the follow-up log (跟进记录, with a next step whose due date
 * raises one reminder) and the two 责任人 of a lead, one named by its origin board, one by the accepting park.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id'))
    .addColumn('side_kind', 'text', (c) => c.notNull())
    .addColumn('side_id', 'text', (c) => c.notNull())
    .addColumn('happened_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('next_step', 'text')
    .addColumn('next_step_on', 'text')
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('follow_ups_lead').on('follow_ups').columns(['lead_id', 'happened_on']).execute();
  await sql`create index follow_ups_due on follow_ups (next_step_on) where reminded_at is null and next_step_on is not null`.execute(db);

  await db.schema
    .alterTable('leads')
    .addColumn('board_owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('park_owner_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('leads_board_owner').on('leads').column('board_owner_id').where(sql.ref('board_owner_id'), 'is not', null).execute();
  await db.schema.createIndex('leads_park_owner').on('leads').column('park_owner_id').where(sql.ref('park_owner_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('leads').dropColumn('board_owner_id').dropColumn('park_owner_id').execute();
  await db.schema.dropTable('follow_ups').execute();
}
