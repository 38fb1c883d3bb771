import type { Executor } from './executor.js';

export class DuplicateRepository {
  constructor(private readonly db: Executor) {}

  async link(d: { id: string; leadId: string; otherLeadId: string; reason: string; similarity: number; firstReportLeadId: string }): Promise<boolean> {
    const r = await this.db
      .insertInto('duplicates')
      .values({
        id: d.id,
        lead_id: d.leadId,
        other_lead_id: d.otherLeadId,
        reason: d.reason,
        similarity: d.similarity,
        first_report_lead_id: d.firstReportLeadId,
        status: 'flagged',
      })
      .onConflict((oc) => oc.columns(['lead_id', 'other_lead_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async find(id: string) {
    return this.db.selectFrom('duplicates').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async forLead(leadId: string) {
    return this.db
      .selectFrom('duplicates')
      .innerJoin('leads as a', 'a.id', 'duplicates.lead_id')
      .innerJoin('leads as b', 'b.id', 'duplicates.other_lead_id')
      .selectAll('duplicates')
      .select(['a.code as lead_code', 'b.code as other_lead_code', 'a.origin_board_id as lead_board', 'b.origin_board_id as other_board'])
      .where((eb) => eb.or([eb('duplicates.lead_id', '=', leadId), eb('duplicates.other_lead_id', '=', leadId)]))
      .orderBy('duplicates.created_at')
      .execute();
  }

  async list(f: { status?: string }, page: { limit: number; offset: number }) {
    let q = this.db
      .selectFrom('duplicates')
      .innerJoin('leads as a', 'a.id', 'duplicates.lead_id')
      .innerJoin('leads as b', 'b.id', 'duplicates.other_lead_id');
    if (f.status) q = q.where('duplicates.status', '=', f.status);
    const items = await q
      .selectAll('duplicates')
      .select(['a.code as lead_code', 'b.code as other_lead_code', 'a.origin_board_id as lead_board', 'b.origin_board_id as other_board', 'a.company as lead_company', 'b.company as other_company'])
      .orderBy('duplicates.created_at', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items, total: Number(total.n) };
  }

  async settle(id: string, s: { status: 'confirmed' | 'dismissed'; firstReportLeadId?: string; by: string; comment: string }) {
    return this.db
      .updateTable('duplicates')
      .set({ status: s.status, settled_by: s.by, settled_at: new Date(), comment: s.comment, ...(s.firstReportLeadId ? { first_report_lead_id: s.firstReportLeadId } : {}) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }
}
