import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { pageOf } from './paging.js';

import { COMPANY_REASONS } from '#domain';

export interface DuplicateListFilter {
  status?: string;
  reason?: string;
  /** Either side's origin board. */
  boardId?: string;
  /** A lead code or part of either company's name. */
  q?: string;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export class DuplicateRepository {
  constructor(private readonly db: Executor) {}

  /** One row per unordered pair (a unique index on least/greatest): linking the pair again changes nothing. */
  async link(d: { id: string; leadId: string; otherLeadId: string; reason: string; similarity: number; firstReportLeadId: string; crossBoard: boolean }): Promise<boolean> {
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
        cross_board: d.crossBoard,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** `link` for many pairs in one statement; returns the ids of the pairs linked now. */
  async linkMany(list: { id: string; leadId: string; otherLeadId: string; reason: string; similarity: number; firstReportLeadId: string; crossBoard: boolean }[]): Promise<Set<string>> {
    if (!list.length) return new Set();
    const rows = await this.db
      .insertInto('duplicates')
      .values(list.map((d) => ({ id: d.id, lead_id: d.leadId, other_lead_id: d.otherLeadId, reason: d.reason, similarity: d.similarity, first_report_lead_id: d.firstReportLeadId, status: 'flagged', cross_board: d.crossBoard })))
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Of these leads, those with any cross-board company-duplicate pair still flagged (only they can be held). */
  async withFlaggedCompanyPairs(leadIds: string[]): Promise<Set<string>> {
    if (!leadIds.length) return new Set();
    const rows = await this.db
      .selectFrom('duplicates')
      .select(['lead_id', 'other_lead_id'])
      .where((eb) => eb.or([eb('lead_id', 'in', leadIds), eb('other_lead_id', 'in', leadIds)]))
      .where('cross_board', '=', true)
      .where('status', '=', 'flagged')
      .where('reason', 'in', [...COMPANY_REASONS])
      .execute();
    const wanted = new Set(leadIds);
    return new Set(rows.flatMap((r) => [r.lead_id, r.other_lead_id]).filter((id) => wanted.has(id)));
  }

  async find(id: string) {
    return this.db.selectFrom('duplicates').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The rows of these ids, locked for a settlement. */
  async findManyForUpdate(ids: string[]) {
    if (!ids.length) return [];
    return this.db.selectFrom('duplicates').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
  }

  private withLeads() {
    return this.db
      .selectFrom('duplicates')
      .innerJoin('leads as a', 'a.id', 'duplicates.lead_id')
      .innerJoin('leads as b', 'b.id', 'duplicates.other_lead_id');
  }

  private static readonly SIDES = [
    'a.code as lead_code', 'b.code as other_lead_code', 'a.origin_board_id as lead_board', 'b.origin_board_id as other_board',
    'a.company as lead_company', 'b.company as other_company', 'a.status as lead_status', 'b.status as other_status',
    'a.stage as lead_stage', 'b.stage as other_stage', 'a.review_reason as lead_review_reason', 'b.review_reason as other_review_reason',
  ] as const;

  async forLead(leadId: string) {
    return this.withLeads()
      .selectAll('duplicates')
      .select(DuplicateRepository.SIDES)
      .where((eb) => eb.or([eb('duplicates.lead_id', '=', leadId), eb('duplicates.other_lead_id', '=', leadId)]))
      .orderBy('duplicates.created_at')
      .orderBy('duplicates.id')
      .execute();
  }

  /** The manager's list: cross-board pairs only (a board's own repeats are shown to that board). */
  async list(f: DuplicateListFilter, page: { limit: number; offset: number }) {
    let q = this.withLeads().where('duplicates.cross_board', '=', true);
    if (f.status) q = q.where('duplicates.status', '=', f.status);
    if (f.reason) q = q.where('duplicates.reason', '=', f.reason);
    if (f.boardId) {
      const b = f.boardId;
      q = q.where((eb) => eb.or([eb('a.origin_board_id', '=', b), eb('b.origin_board_id', '=', b)]));
    }
    if (f.q) {
      const like = '%' + escapeLike(f.q) + '%';
      q = q.where((eb) => eb.or([eb('a.code', 'ilike', like), eb('b.code', 'ilike', like), eb('a.company', 'ilike', like), eb('b.company', 'ilike', like), eb('a.credit_code', 'ilike', like), eb('b.credit_code', 'ilike', like)]));
    }
    return pageOf(q, q.selectAll('duplicates').select(DuplicateRepository.SIDES).orderBy('duplicates.created_at', 'desc').orderBy('duplicates.id'), page);
  }

  /**
   * Unsettled cross-board pairs that say "same company" whose other lead a park has already taken
   * (accepted, not 终止): the facts the 疑似撞车 hold rule looks at.
   */
  async acceptedElsewhere(leadId: string) {
    return this.db
      .selectFrom('duplicates')
      .innerJoin('leads as o', (j) => j.on(sql<boolean>`o.id = case when duplicates.lead_id = ${leadId} then duplicates.other_lead_id else duplicates.lead_id end`))
      .leftJoin('parks', 'parks.id', 'o.accepted_park_id')
      .select(['duplicates.id as duplicate_id', 'duplicates.reason', 'duplicates.status', 'o.id', 'o.code', 'o.origin_board_id', 'o.status as lead_status', 'o.stage', 'o.accepted_park_id', 'parks.name as park_name', 'parks.board_id as park_board_id', 'o.created_at'])
      .where((eb) => eb.or([eb('duplicates.lead_id', '=', leadId), eb('duplicates.other_lead_id', '=', leadId)]))
      .where('duplicates.cross_board', '=', true)
      .where('duplicates.status', '=', 'flagged')
      .where('duplicates.reason', 'in', [...COMPANY_REASONS])
      .where('o.status', '=', 'accepted')
      .orderBy('o.created_at')
      .execute();
  }

  /** Compare-and-set: only a flagged pair is settled; returns the row, or undefined when it was settled meanwhile. */
  async settle(id: string, s: { status: 'confirmed' | 'dismissed'; firstReportLeadId?: string; by: string; comment: string }) {
    return this.db
      .updateTable('duplicates')
      .set({ status: s.status, settled_by: s.by, settled_at: new Date(), comment: s.comment, ...(s.firstReportLeadId ? { first_report_lead_id: s.firstReportLeadId } : {}) })
      .where('id', '=', id)
      .where('status', '=', 'flagged')
      .returningAll()
      .executeTakeFirst();
  }

  /** Confirmed pairs of a lead: who the manager named as 首报 (shown with its sharing records). */
  async confirmedFor(leadIds: string[]) {
    if (!leadIds.length) return [];
    return this.withLeads()
      .innerJoin('leads as f', 'f.id', 'duplicates.first_report_lead_id')
      .selectAll('duplicates')
      .select(['a.code as lead_code', 'b.code as other_lead_code', 'f.code as first_report_code', 'f.origin_board_id as first_report_board'])
      .where('duplicates.status', '=', 'confirmed')
      .where((eb) => eb.or([eb('duplicates.lead_id', 'in', leadIds), eb('duplicates.other_lead_id', 'in', leadIds)]))
      .orderBy('duplicates.settled_at')
      .execute();
  }
}
