import type { Insertable, Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type { FollowUpTable } from './schema.js';

export type FollowUpRow = Selectable<FollowUpTable>;
export type NewFollowUp = Insertable<FollowUpTable>;

export class FollowUpRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: NewFollowUp): Promise<FollowUpRow> {
    return this.db.insertInto('follow_ups').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** A lead's follow-ups, newest contact first. */
  forLead(leadId: string): Promise<FollowUpRow[]> {
    return this.db.selectFrom('follow_ups').selectAll().where('lead_id', '=', leadId).orderBy('happened_on', 'desc').orderBy('created_at', 'desc').execute();
  }

  /**
   * Next steps due on or before `today` (a local date) that were not reminded yet, claimed in the caller's
   * transaction (SKIP LOCKED: two workers never remind the same step twice), with the lead's code.
   */
  claimDue(today: string, limit: number) {
    return this.db
      .selectFrom('follow_ups')
      .innerJoin('leads', 'leads.id', 'follow_ups.lead_id')
      .select(['follow_ups.id', 'follow_ups.lead_id', 'follow_ups.side_kind', 'follow_ups.side_id', 'follow_ups.next_step', 'follow_ups.next_step_on', 'follow_ups.author_name', 'leads.code as lead_code'])
      .where('follow_ups.reminded_at', 'is', null)
      .where('follow_ups.next_step_on', 'is not', null)
      .where('follow_ups.next_step_on', '<=', today)
      .orderBy('follow_ups.next_step_on')
      .orderBy('follow_ups.id')
      .limit(limit)
      .forUpdate('follow_ups')
      .skipLocked()
      .execute();
  }

  async markReminded(ids: string[], at: Date): Promise<void> {
    if (!ids.length) return;
    await this.db.updateTable('follow_ups').set({ reminded_at: at }).where('id', 'in', ids).execute();
  }
}
