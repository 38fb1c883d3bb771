import { Inject, Injectable } from '@nestjs/common';
import { actorName, canReadRecipient, isCityWide, type Viewer } from '#domain';
import { LEAD_STATUS, type RecipientKind, UnitOfWork } from '#persistence';
import { forbidden, invalid, notFound } from './domain-error.js';
import { summary } from './lead.service.js';

/** The manager's desk: leads no park fits, duplicates to settle, notices. */
@Injectable()
export class ReviewService {
  constructor(private readonly uow: UnitOfWork) {}

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
