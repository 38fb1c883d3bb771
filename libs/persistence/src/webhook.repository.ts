import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { pageOf } from './paging.js';
import type { RecipientKind } from './notification.repository.js';

export interface WebhookAttempt {
  ok: boolean;
  httpStatus?: number | null;
  error?: string | null;
}

/** Webhooks per recipient (one row per URL), their secret and their last delivery attempt. */
export class WebhookRepository {
  constructor(private readonly db: Executor) {}

  /** Inserts unless the recipient already has this URL; returns whether it was inserted. */
  async add(w: { id: string; recipientKind: RecipientKind; recipientId: string; url: string; secret: string; createdBy: string }): Promise<boolean> {
    const r = await this.db
      .insertInto('webhooks')
      .values({ id: w.id, recipient_kind: w.recipientKind, recipient_id: w.recipientId, url: w.url, secret: w.secret, created_by: w.createdBy })
      .onConflict((oc) => oc.constraint('webhooks_unique').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  find(id: string) {
    return this.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByUrl(kind: RecipientKind, recipientId: string, url: string) {
    return this.db.selectFrom('webhooks').selectAll().where('recipient_kind', '=', kind).where('recipient_id', '=', recipientId).where('url', '=', url).executeTakeFirst();
  }

  async countFor(kind: RecipientKind, recipientId: string): Promise<number> {
    const r = await this.db.selectFrom('webhooks').select(sql<number>`count(*)::int`.as('n')).where('recipient_kind', '=', kind).where('recipient_id', '=', recipientId).executeTakeFirstOrThrow();
    return r.n;
  }

  /** All webhooks, or those of the given recipients; oldest first. */
  list(recipients?: { kind: RecipientKind; id: string }[]) {
    let q = this.db.selectFrom('webhooks').selectAll();
    if (recipients) {
      if (!recipients.length) return Promise.resolve([]);
      q = q.where((eb) => eb.or(recipients.map((x) => eb.and([eb('recipient_kind', '=', x.kind), eb('recipient_id', '=', x.id)]))));
    }
    return q.orderBy('created_at').orderBy('id').execute();
  }

  /** The enabled webhooks of several recipients in one query (where new notices go). */
  enabledFor(recipients: { kind: RecipientKind; id: string }[]) {
    if (!recipients.length) return Promise.resolve([]);
    return this.db
      .selectFrom('webhooks')
      .select(['id', 'recipient_kind', 'recipient_id', 'url'])
      .where('enabled', '=', true)
      .where((eb) => eb.or(recipients.map((x) => eb.and([eb('recipient_kind', '=', x.kind), eb('recipient_id', '=', x.id)]))))
      .execute();
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    await this.db.updateTable('webhooks').set({ enabled }).where('id', '=', id).execute();
  }

  async setSecret(id: string, secret: string): Promise<void> {
    await this.db.updateTable('webhooks').set({ secret }).where('id', '=', id).execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('webhooks').where('id', '=', id).execute();
  }

  async recordAttempt(id: string, a: WebhookAttempt): Promise<void> {
    await this.db
      .updateTable('webhooks')
      .set({
        attempts: sql`attempts + 1`,
        failures: a.ok ? sql`failures` : sql`failures + 1`,
        last_status: a.ok ? 'delivered' : 'failed',
        last_http_status: a.httpStatus ?? null,
        last_error: a.ok ? null : (a.error ?? null),
        last_attempt_at: new Date(),
        ...(a.ok ? { last_delivered_at: new Date() } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** The notices queued for one webhook with their delivery state, newest first. */
  async deliveries(webhookId: string, page: { limit: number; offset: number }) {
    const q = this.db.selectFrom('notifications').where('webhook_id', '=', webhookId);
    return pageOf(
      q,
      q
        .select(['id', 'kind', 'title', 'webhook_status', 'webhook_attempts', 'webhook_error', 'webhook_attempted_at', 'delivered_at', 'created_at'])
        .orderBy('created_at', 'desc')
        .orderBy('id'),
      page,
    );
  }
}
