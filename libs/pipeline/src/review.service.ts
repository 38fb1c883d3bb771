import { Injectable } from '@nestjs/common';
import { actorName, canReadRecipient, CLOSE_REASONS, isCityWide, type CloseReason, type Viewer } from '#domain';
import { type DuplicateListFilter, LEAD_STATUS, type RecipientKind, type Repositories, REVIEW_REASON, UnitOfWork } from '#persistence';
import { DomainError, forbidden } from '#errors';
import { holdingProject } from './duplicate-detector.js';
import { notify } from './notices.js';
import { OfferDispatchService } from './offer-dispatch.service.js';
import { leadSummary } from './lead.service.js';

/** The manager's desk: leads no park fits, duplicates to settle, notices. */
@Injectable()
export class ReviewService {
  constructor(private readonly uow: UnitOfWork, private readonly dispatch: OfferDispatchService) {}

  async noFit(page: { limit: number; offset: number }, viewer: Viewer) {
    cityWide(viewer);
    const { items, total } = await this.uow.read((r) => r.leads.list({ status: LEAD_STATUS.review }, page));
    return { items: items.map((l) => leadSummary(l, 'full')), total, limit: page.limit, offset: page.offset };
  }

  /** The manager's 项目撞车 list: cross-board pairs only, searchable by code, company or credit code. */
  async duplicates(filter: DuplicateListFilter, page: { limit: number; offset: number }, viewer: Viewer) {
    cityWide(viewer);
    const { items, total } = await this.uow.read((r) => r.duplicates.list(filter, page));
    return {
      total, limit: page.limit, offset: page.offset,
      items: items.map((d) => ({ ...d, held: [d.lead_review_reason, d.other_review_reason].includes(REVIEW_REASON.duplicate) })),
    };
  }

  /** Settles one 项目撞车: confirmed (same project; who keeps 首报) or dismissed. Both leads stay. */
  async settleDuplicate(id: string, d: { status: 'confirmed' | 'dismissed'; firstReportLeadId?: string; comment: string }, viewer: Viewer) {
    const [settled] = await this.settleDuplicates([id], d, viewer);
    return settled;
  }

  /**
   * Settles several pairs in one transaction, all or none: any id that cannot be settled (unknown,
   * already settled, a board's own repeat) fails the whole request with a message listing each.
   * A lead held as 疑似撞车 is closed when its pair is confirmed (the project is already taken) and
   * released to the usual sharing when dismissed and nothing else holds it.
   */
  async settleDuplicates(ids: string[], d: { status: 'confirmed' | 'dismissed'; firstReportLeadId?: string; comment: string }, viewer: Viewer) {
    if (viewer.role !== 'manager') throw forbidden('只有市科技局管理员可以裁定疑似重复');
    const by = actorName(viewer);
    const unique = [...new Set(ids)];
    return this.uow.transaction(async (r) => {
      const rows = await r.duplicates.findManyForUpdate(unique);
      const problems: { field: string; message: string }[] = [];
      for (const id of unique) {
        const row = rows.find((x) => x.id === id);
        if (!row) problems.push({ field: id, message: `${id}：记录不存在` });
        else if (row.status !== 'flagged') problems.push({ field: id, message: `${id}：已于 ${row.settled_at?.toISOString().slice(0, 10) ?? '此前'} 由 ${row.settled_by ?? '他人'} 裁定（${row.status === 'confirmed' ? '确认重复' : '不是重复'}）` });
        else if (!row.cross_board) problems.push({ field: id, message: `${id}：同一板块的重复报送，由该板块自行处理，不属于项目撞车` });
        else if (d.firstReportLeadId && ![row.lead_id, row.other_lead_id].includes(d.firstReportLeadId)) problems.push({ field: id, message: `${id}：首报线索须为这对重复线索之一` });
      }
      if (problems.length) {
        const code = problems.every((p) => p.message.endsWith('记录不存在')) ? 'NOT_FOUND' : 'CONFLICT';
        throw new DomainError(code, `以下 ${problems.length} 条记录无法裁定，本次均未保存：${problems.map((p) => p.message).join('；')}`, problems);
      }
      const settled = [];
      for (const row of rows) {
        const done = (await r.duplicates.settle(row.id, { status: d.status, firstReportLeadId: d.firstReportLeadId, by, comment: d.comment }))!;
        settled.push(done);
        for (const leadId of [row.lead_id, row.other_lead_id])
          await r.leads.addEvent(leadId, 'duplicate-settled', by, { duplicateId: row.id, status: d.status, firstReportLeadId: done.first_report_lead_id, comment: d.comment });
        for (const leadId of [row.lead_id, row.other_lead_id]) await this.afterSettled(r, leadId, row.id, done.first_report_lead_id, d.status, by);
      }
      return settled;
    });
  }

  /** Closes a lead from the 待研判 desk with a reason; it leaves the list and is no longer rescored. */
  async closeLead(leadId: string, c: { reason: string; note?: string }, viewer: Viewer) {
    cityWide(viewer);
    if (!(c.reason in CLOSE_REASONS)) throw new DomainError('INVALID_CLOSE_REASON', `关闭原因代码 ${c.reason} 无效，可选：${Object.entries(CLOSE_REASONS).map(([k, v]) => `${k}（${v}）`).join('、')}`);
    const actor = actorName(viewer);
    return this.uow.transaction(async (r) => {
      const lead = await r.leads.findForUpdate(leadId);
      if (!lead) throw new DomainError('LEAD_NOT_FOUND', `线索 ${leadId} 不存在`);
      if (lead.status !== LEAD_STATUS.review) throw new DomainError('LEAD_NOT_IN_REVIEW', `线索 ${lead.code} 不在待研判列表中（状态：${lead.status}），不能关闭`);
      await r.leads.update(leadId, { status: LEAD_STATUS.closed, review_reason: null });
      await r.leads.addEvent(leadId, 'closed-by-manager', actor, { reason: c.reason, reasonLabel: CLOSE_REASONS[c.reason as CloseReason], note: c.note ?? null });
      await notify(r, [{ recipientKind: 'board', recipientId: lead.origin_board_id, kind: 'closed', leadId, title: `线索 ${lead.code} 经市科技局研判后关闭`, body: `原因：${CLOSE_REASONS[c.reason as CloseReason]}${c.note ? `。${c.note}` : ''}` }]);
      return { leadId, status: LEAD_STATUS.closed, reason: c.reason };
    });
  }

  /** Sends a lead from the 待研判 desk to parks the manager chose. */
  sendToParks(leadId: string, s: { parkIds: string[]; note?: string }, viewer: Viewer) {
    cityWide(viewer);
    return this.dispatch.sendToParks(leadId, s.parkIds, actorName(viewer), s.note);
  }

  /** What settling a pair means for a lead held as 疑似撞车 by it. */
  private async afterSettled(r: Repositories, leadId: string, duplicateId: string, firstReportLeadId: string, status: 'confirmed' | 'dismissed', by: string) {
    const lead = await r.leads.findForUpdate(leadId);
    if (!lead || lead.status !== LEAD_STATUS.review || lead.review_reason !== REVIEW_REASON.duplicate) return;
    if (status === 'confirmed') {
      await r.leads.update(leadId, { status: LEAD_STATUS.closed, review_reason: null });
      await r.leads.addEvent(leadId, 'closed-by-manager', by, { reason: 'duplicate', reasonLabel: CLOSE_REASONS.duplicate, note: '项目撞车确认为同一项目', duplicateId, firstReportLeadId });
    } else if (!(await holdingProject(r, lead)) && lead.current_ranking_id) {
      await r.leads.update(leadId, { review_reason: null });
      await r.leads.addEvent(leadId, 'duplicate-released', by, { duplicateId });
      // The distribute-lead job's own rule, in this transaction (a second job with the same id would be deduplicated).
      await this.dispatch.share(leadId, lead.current_ranking_id);
    }
  }

  notifications(kind: RecipientKind, id: string, page: { limit: number; offset: number }, unreadOnly: boolean, viewer: Viewer) {
    recipient(viewer, kind, id);
    return this.uow.read((r) => r.notifications.forRecipient(kind, id, page, unreadOnly));
  }

  async markRead(kind: RecipientKind, recipientId: string, id: string, viewer: Viewer) {
    recipient(viewer, kind, recipientId);
    if (!(await this.uow.read((r) => r.notifications.markRead(kind, recipientId, id)))) throw new DomainError('NOTIFICATION_NOT_FOUND', `通知 ${id} 不存在`);
    return { id, read: true };
  }
}

function cityWide(viewer: Viewer): void {
  if (!isCityWide(viewer)) throw forbidden('该列表仅供市科技局管理员查看');
}

function recipient(viewer: Viewer, kind: string, id: string): void {
  if (!canReadRecipient(viewer, kind, id))
    throw forbidden(viewer.role === 'promoter' ? `只能查看本板块的通知（recipientKind=board, recipientId=${viewer.boardId}）` : viewer.role === 'park_operator' ? `只能查看本园区的通知（recipientKind=park, recipientId=${viewer.parkId}）` : '无权查看这些通知');
}
