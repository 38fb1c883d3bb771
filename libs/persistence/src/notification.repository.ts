import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { pageOf } from './paging.js';

export type RecipientKind = 'park' | 'board' | 'manager';

export interface NewNotification {
  id: string;
  recipientKind: RecipientKind;
  recipientId: string;
  kind: string;
  title: string;
  body: string;
  leadId?: string | null;
  offerId?: string | null;
  webhookUrl?: string | null;
  webhookId?: string | null;
}

export class NotificationRepository {
  constructor(private readonly db: Executor) {}

  async insertMany(list: NewNotification[]): Promise<void> {
    if (!list.length) return;
    await this.db
      .insertInto('notifications')
      .values(
        list.map((n) => ({
          id: n.id,
          recipient_kind: n.recipientKind,
          recipient_id: n.recipientId,
          kind: n.kind,
          title: n.title,
          body: n.body,
          lead_id: n.leadId ?? null,
          offer_id: n.offerId ?? null,
          webhook_url: n.webhookUrl ?? null,
          webhook_id: n.webhookId ?? null,
          webhook_status: n.webhookUrl ? 'pending' : 'none',
        })),
      )
      .execute();
  }

  async find(id: string) {
    return this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** One delivery attempt's outcome; 'cancelled' (webhook disabled or deleted) is no attempt. */
  async markWebhook(id: string, set: { status: 'delivered' | 'pending' | 'failed' | 'cancelled'; error?: string | null }): Promise<void> {
    const attempted = set.status !== 'cancelled';
    await this.db
      .updateTable('notifications')
      .set({
        webhook_status: set.status,
        webhook_error: set.error ?? null,
        ...(attempted ? { webhook_attempts: sql`webhook_attempts + 1`, webhook_attempted_at: new Date() } : {}),
        ...(set.status === 'delivered' ? { delivered_at: new Date() } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async forRecipient(kind: RecipientKind, id: string, page: { limit: number; offset: number }, unreadOnly = false) {
    let q = this.db.selectFrom('notifications').where('recipient_kind', '=', kind).where('recipient_id', '=', id);
    if (unreadOnly) q = q.where('read_at', 'is', null);
    return pageOf(q, q.selectAll().orderBy('created_at', 'desc').orderBy('id'), page);
  }

  async markRead(kind: RecipientKind, recipientId: string, id: string): Promise<boolean> {
    const r = await this.db
      .updateTable('notifications')
      .set({ read_at: new Date() })
      .where('id', '=', id)
      .where('recipient_kind', '=', kind)
      .where('recipient_id', '=', recipientId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

}
