import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '#core';
import { LEAD_STATUS, type DatabaseHandle, type RecipientKind } from '#persistence';
import { invalid, notFound } from './domain-error.js';
import { summary } from './lead.service.js';
import { inTransaction, Repos } from './repositories.js';

/** The manager's desk: leads no park fits, duplicates to settle, notices and webhooks. */
@Injectable()
export class ReviewService {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  async noFit(page: { limit: number; offset: number }) {
    const { items, total } = await new Repos(this.database.db).leads.list({ status: LEAD_STATUS.review }, page);
    return { items: items.map(summary), total, limit: page.limit, offset: page.offset };
  }

  duplicates(status: string | undefined, page: { limit: number; offset: number }) {
    return new Repos(this.database.db).duplicates.list({ status }, page);
  }

  /** Settles a 项目撞车: confirmed (same project; who keeps 首报) or dismissed. Both leads stay. */
  async settleDuplicate(id: string, s: { status: 'confirmed' | 'dismissed'; firstReportLeadId?: string; by: string; comment: string }) {
    return inTransaction(this.database.db, async (r) => {
      const list = await this.database.db.selectFrom('duplicates').selectAll().where('id', '=', id).executeTakeFirst();
      if (!list) throw notFound(`疑似重复记录 ${id} 不存在`);
      if (s.firstReportLeadId && ![list.lead_id, list.other_lead_id].includes(s.firstReportLeadId))
        throw invalid('首报线索须为这对重复线索之一');
      const settled = await r.duplicates.settle(id, s);
      for (const leadId of [list.lead_id, list.other_lead_id])
        await r.leads.addEvent(leadId, 'duplicate-settled', s.by, { duplicateId: id, status: s.status, firstReportLeadId: settled?.first_report_lead_id, comment: s.comment });
      return settled;
    });
  }

  notifications(kind: RecipientKind, id: string, page: { limit: number; offset: number }, unreadOnly: boolean) {
    return new Repos(this.database.db).notifications.forRecipient(kind, id, page, unreadOnly);
  }

  async markRead(kind: RecipientKind, recipientId: string, id: string) {
    if (!(await new Repos(this.database.db).notifications.markRead(kind, recipientId, id))) throw notFound(`通知 ${id} 不存在`);
    return { id, read: true };
  }

  async addWebhook(kind: RecipientKind, recipientId: string, url: string) {
    const id = randomUUID();
    await new Repos(this.database.db).notifications.addWebhook({ id, recipientKind: kind, recipientId, url });
    return { recipientKind: kind, recipientId, url };
  }
}
