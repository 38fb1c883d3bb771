import { Inject, Injectable } from '@nestjs/common';
import { actorName, canReadRecipient, CLOSE_REASONS, isCityWide, type CloseReason, type Viewer } from '#domain';
import { LEAD_STATUS, type RecipientKind, UnitOfWork } from '#persistence';
import { conflict, forbidden, invalid, notFound } from './domain-error.js';
import { notify } from './notices.js';
import { OfferDispatchService } from './offer-dispatch.service.js';
import { summary } from './lead.service.js';

/** The manager's desk: leads no park fits, duplicates to settle, notices. */
@Injectable()
export class ReviewService {
  constructor(private readonly uow: UnitOfWork, private readonly dispatch: OfferDispatchService) {}

  async noFit(page: { limit: number; offset: number }, viewer: Viewer) {
    cityWide(viewer);
    const { items, total } = await this.uow.read((r) => r.leads.list({ status: LEAD_STATUS.review }, page));
    return { items: items.map(summary), total, limit: page.limit, offset: page.offset };
  }

  duplicates(status: string | undefined, page: { limit: number; offset: number }, viewer: Viewer) {
    cityWide(viewer);
    return this.uow.read((r) => r.duplicates.list({ status }, page));
  }

  /** Settles a 项目撞车: confirmed (same project; who keeps 首报) or dismissed. Both leads stay. */
  async settleDuplicate(id: string, d: { status: 'confirmed' | 'dismissed'; firstReportLeadId?: string; comment: string }, viewer: Viewer) {
    if (viewer.role !== 'manager') throw forbidden('只有市科技局管理员可以裁定疑似重复');
    const s = { ...d, by: actorName(viewer) };
    return this.uow.transaction(async (r) => {
      const list = await r.duplicates.find(id);
      if (!list) throw notFound(`疑似重复记录 ${id} 不存在`);
      if (s.firstReportLeadId && ![list.lead_id, list.other_lead_id].includes(s.firstReportLeadId))
        throw invalid('首报线索须为这对重复线索之一');
      const settled = await r.duplicates.settle(id, s);
      for (const leadId of [list.lead_id, list.other_lead_id])
        await r.leads.addEvent(leadId, 'duplicate-settled', s.by, { duplicateId: id, status: s.status, firstReportLeadId: settled?.first_report_lead_id, comment: s.comment });
      return settled;
    });
  }

  /** Closes a lead from the 待研判 desk with a reason; it leaves the list and is no longer rescored. */
  async closeLead(leadId: string, c: { reason: string; note?: string }, viewer: Viewer) {
    cityWide(viewer);
    if (!(c.reason in CLOSE_REASONS)) throw invalid(`关闭原因代码 ${c.reason} 无效，可选：${Object.entries(CLOSE_REASONS).map(([k, v]) => `${k}（${v}）`).join('、')}`);
    const actor = actorName(viewer);
    return this.uow.transaction(async (r) => {
      const lead = await r.leads.findForUpdate(leadId);
      if (!lead) throw notFound(`线索 ${leadId} 不存在`);
      if (lead.status !== LEAD_STATUS.review) throw conflict(`线索 ${lead.code} 不在待研判列表中（状态：${lead.status}），不能关闭`);
      await r.leads.update(leadId, { status: LEAD_STATUS.closed });
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

  notifications(kind: RecipientKind, id: string, page: { limit: number; offset: number }, unreadOnly: boolean, viewer: Viewer) {
    recipient(viewer, kind, id);
    return this.uow.read((r) => r.notifications.forRecipient(kind, id, page, unreadOnly));
  }

  async markRead(kind: RecipientKind, recipientId: string, id: string, viewer: Viewer) {
    recipient(viewer, kind, recipientId);
    if (!(await this.uow.read((r) => r.notifications.markRead(kind, recipientId, id)))) throw notFound(`通知 ${id} 不存在`);
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
