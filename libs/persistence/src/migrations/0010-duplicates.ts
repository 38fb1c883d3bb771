import { sql, type Kysely } from 'kysely';
import { recomputeCompanyKeys } from '../company-keys.js';

/**
 * 项目撞车 that help (issue 16): company keys recomputed with the new name rule; one row per unordered pair
 * (the doubles removed, keeping the settled one, else the oldest); pairs marked cross-board or not (only
 * cross-board pairs are 撞车 for the manager); a lead's review reason (疑似撞车 holds a lead for the manager).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await recomputeCompanyKeys(db);

  await sql`
    delete from duplicates d using (
      select id, row_number() over (
        partition by least(lead_id, other_lead_id), greatest(lead_id, other_lead_id)
        order by (status <> 'flagged') desc, created_at, id
      ) as n from duplicates
    ) ranked
    where d.id = ranked.id and ranked.n > 1`.execute(db);
  await sql`create unique index duplicates_unordered_pair on duplicates (least(lead_id, other_lead_id), greatest(lead_id, other_lead_id))`.execute(db);

  await db.schema.alterTable('duplicates').addColumn('cross_board', 'boolean').execute();
  await sql`update duplicates set cross_board = a.origin_board_id <> b.origin_board_id
    from leads a, leads b where a.id = duplicates.lead_id and b.id = duplicates.other_lead_id`.execute(db);
  await sql`alter table duplicates alter column cross_board set not null`.execute(db);
  await db.schema.createIndex('duplicates_cross_status').on('duplicates').columns(['cross_board', 'status', 'created_at']).execute();
  await db.schema.createIndex('duplicates_other_lead').on('duplicates').column('other_lead_id').execute();

  await db.schema.alterTable('leads').addColumn('review_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('leads').dropColumn('review_reason').execute();
  await db.schema.dropIndex('duplicates_other_lead').execute();
  await db.schema.dropIndex('duplicates_cross_status').execute();
  await db.schema.alterTable('duplicates').dropColumn('cross_board').execute();
  await db.schema.dropIndex('duplicates_unordered_pair').execute();
}
