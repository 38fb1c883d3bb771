import { sql, type Kysely } from 'kysely';

/**
 * "sharing" now means only 利益共享: the job that offers a lead to parks is `distribute-lead` (was `share-lead`).
 * Outbox rows not yet published go out under the new name; published ones are renamed too, so history reads one way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update outbox set job_name = 'distribute-lead' where job_name = 'share-lead'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update outbox set job_name = 'share-lead' where job_name = 'distribute-lead'`.execute(db);
}
