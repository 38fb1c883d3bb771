import { sql } from 'kysely';
import type { Executor } from './executor.js';

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
          webhook_status: n.webhookUrl ? 'pending' : 'none',
        })),
      )
      .execute();
  }

  async find(id: string) {
    return this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async markWebhook(id: string, set: { status: 'delivered' | 'pending' | 'failed'; error?: string | null }): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({
        webhook_status: set.status,
        webhook_error: set.error ?? null,
        webhook_attempts: sql`webhook_attempts + 1`,
        ...(set.status === 'delivered' ? { delivered_at: new Date() } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async forRecipient(kind: RecipientKind, id: string, page: { limit: number; offset: number }, unreadOnly = false) {
    let q = this.db.selectFrom('notifications').where('recipient_kind', '=', kind).where('recipient_id', '=', id);
    if (unreadOnly) q = q.where('read_at', 'is', null);
    const [items, total] = await Promise.all([
      q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: total.n };
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


  /** The webhooks of several recipients in one query. */
  async webhooksOf(recipients: { kind: RecipientKind; id: string }[]) {
    if (!recipients.length) return [];
    return this.db
      .selectFrom('webhooks')
      .select(['recipient_kind', 'recipient_id', 'url'])
      .where((eb) => eb.or(recipients.map((x) => eb.and([eb('recipient_kind', '=', x.kind), eb('recipient_id', '=', x.id)]))))
      .execute();
  }

  async addWebhook(w: { id: string; recipientKind: RecipientKind; recipientId: string; url: string }): Promise<void> {
    await this.db
      .insertInto('webhooks')
      .values({ id: w.id, recipient_kind: w.recipientKind, recipient_id: w.recipientId, url: w.url })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
