import { sql, type Kysely } from 'kysely';

/**
 * Webhooks with a signing secret, an on/off switch and their last delivery attempt; each notice
 * queued for a webhook names it. Webhooks registered before get a random secret (their owners rotate
 * it to learn it) and pending notices are linked to the webhook they were queued for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('webhooks')
    .addColumn('secret', 'text')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_by', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_status', 'text')
    .addColumn('last_http_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('last_delivered_at', 'timestamptz')
    .execute();
  await sql`update webhooks set secret = 'pm_wh_' || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') where secret is null`.execute(db);
  await sql`alter table webhooks alter column secret set not null`.execute(db);

  await db.schema
    .alterTable('notifications')
    .addColumn('webhook_id', 'text')
    .addColumn('webhook_attempted_at', 'timestamptz')
    .execute();
  await sql`update notifications n set webhook_id = w.id from webhooks w
            where n.webhook_url = w.url and n.recipient_kind = w.recipient_kind and n.recipient_id = w.recipient_id`.execute(db);
  await sql`create index notifications_webhook on notifications (webhook_id, created_at) where webhook_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index notifications_webhook`.execute(db);
  await db.schema.alterTable('notifications').dropColumn('webhook_id').dropColumn('webhook_attempted_at').execute();
  await db.schema
    .alterTable('webhooks')
    .dropColumn('secret').dropColumn('enabled').dropColumn('created_by').dropColumn('attempts').dropColumn('failures')
    .dropColumn('last_status').dropColumn('last_http_status').dropColumn('last_error').dropColumn('last_attempt_at').dropColumn('last_delivered_at')
    .execute();
}
