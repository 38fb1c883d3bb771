import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence lead_code_seq`.execute(db);

  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('origin_board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('submitter', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
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
    .createTable('import_errors')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('import_batches.id'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('errors', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_errors_pk', ['batch_id', 'row'])
    .execute();

  await db.schema
    .createTable('leads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('origin_board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('submitter', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('company_norm', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('primary_sector', 'text')
    .addColumn('amount_value', 'double precision')
    .addColumn('amount_unit', 'text')
    .addColumn('amount_wan', 'double precision')
    .addColumn('land_mu', 'double precision')
    .addColumn('channel', 'text')
    .addColumn('contacts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text')
    .addColumn('accepted_park_id', 'text', (c) => c.references('parks.id'))
    .addColumn('scoring_round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('current_ranking_id', 'text')
    .addColumn('rescore_run_id', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('import_batch_id', 'text', (c) => c.references('import_batches.id'))
    .addColumn('import_row', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('leads_idem').on('leads').columns(['origin_board_id', 'idempotency_key']).unique().execute();
  await db.schema.createIndex('leads_batch_row').on('leads').columns(['import_batch_id', 'import_row']).unique().execute();
  await db.schema.createIndex('leads_board_created').on('leads').columns(['origin_board_id', 'created_at']).execute();
  await db.schema.createIndex('leads_status').on('leads').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('leads_credit_code').on('leads').column('credit_code').execute();
  await sql`create index leads_company_trgm on leads using gin (company_norm gin_trgm_ops)`.execute(db);
  await db.schema.createIndex('leads_sector_created').on('leads').columns(['primary_sector', 'created_at']).execute();

  await db.schema
    .createTable('rankings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id'))
    .addColumn('scoring_round', 'integer', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('profile_versions', 'jsonb', (c) => c.notNull())
    .addColumn('no_fit', 'boolean', (c) => c.notNull())
    .addColumn('primary_sector', 'text')
    .addColumn('results', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('rankings_lead_round', ['lead_id', 'scoring_round'])
    .execute();

  await db.schema
    .createTable('offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id'))
    .addColumn('park_id', 'text', (c) => c.notNull().references('parks.id'))
    .addColumn('ranking_id', 'text', (c) => c.notNull().references('rankings.id'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decline_reason', 'text')
    .addColumn('decline_note', 'text')
    .addColumn('respond_by', 'timestamptz', (c) => c.notNull())
    .addColumn('assess_by', 'timestamptz', (c) => c.notNull())
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('offers_lead_park_ranking', ['lead_id', 'park_id', 'ranking_id'])
    .execute();
  await db.schema.createIndex('offers_park_status').on('offers').columns(['park_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('offers_lead').on('offers').column('lead_id').execute();

  await db.schema
    .createTable('lead_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('lead_events_lead').on('lead_events').columns(['lead_id', 'id']).execute();

  await db.schema
    .createTable('duplicates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id'))
    .addColumn('other_lead_id', 'text', (c) => c.notNull().references('leads.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('similarity', 'double precision', (c) => c.notNull())
    .addColumn('first_report_lead_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('settled_by', 'text')
    .addColumn('settled_at', 'timestamptz')
    .addColumn('comment', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('duplicates_pair', ['lead_id', 'other_lead_id'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
  await sql`create index outbox_pending on outbox (id) where published_at is null`.execute(db);

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('lead_id', 'text')
    .addColumn('offer_id', 'text')
    .addColumn('webhook_url', 'text')
    .addColumn('webhook_status', 'text', (c) => c.notNull())
    .addColumn('webhook_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('webhook_error', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('read_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('notifications_recipient').on('notifications').columns(['recipient_kind', 'recipient_id', 'created_at']).execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('webhooks_unique', ['recipient_kind', 'recipient_id', 'url'])
    .execute();

  await db.schema
    .createTable('rescore_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('queued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['rescore_runs', 'webhooks', 'notifications', 'outbox', 'duplicates', 'lead_events', 'offers', 'rankings', 'leads', 'import_errors', 'import_batches'])
    await db.schema.dropTable(t).execute();
  await sql`drop sequence lead_code_seq`.execute(db);
}
