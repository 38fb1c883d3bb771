import { sql, type Kysely } from 'kysely';

/** The stage a paused project left: 暂停 resumes only to it (a resume may not skip 签约 and lose the sharing record). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('leads').addColumn('paused_from', 'text').execute();
  // Projects paused before this rule: their last move into 暂停 says where they came from.
  await sql`
    update leads l set paused_from = (
      select e.data->>'from' from lead_events e
      where e.lead_id = l.id and e.kind = 'stage' and e.data->>'to' = '暂停'
      order by e.id desc limit 1)
    where l.stage = '暂停'`.execute(db);
}
