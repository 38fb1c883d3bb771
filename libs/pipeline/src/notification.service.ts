import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from '#queues';
import { UnitOfWork } from '#persistence';
import { WebhookClient } from './webhook-client.js';

/**
 * The `notify` job: POSTs a stored notice to its webhook, signed with the webhook's secret. No
 * connection is held while the receiver answers. Failures throw so BullMQ retries with backoff; a
 * target the address rules refuse fails at once.
 */
@Injectable()
export class NotificationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly client: WebhookClient,
  ) {}

  async deliver(notificationId: string, attempt: { made: number; max: number }): Promise<'delivered' | 'nothing-to-do'> {
    const { n, hook } = await this.uow.read(async (r) => {
      const n = await r.notifications.find(notificationId);
      return { n, hook: n?.webhook_id ? await r.webhooks.find(n.webhook_id) : undefined };
    });
    if (!n) throw new UnrecoverableError(`notification ${notificationId} does not exist`);
    if (!n.webhook_url || ['delivered', 'cancelled'].includes(n.webhook_status)) return 'nothing-to-do';
    if (!hook || !hook.enabled) {
      await this.uow.read((r) => r.notifications.markWebhook(n.id, { status: 'cancelled', error: hook ? 'webhook 已停用，未投递' : 'webhook 已删除，未投递' }));
      return 'nothing-to-do';
    }
    const body = JSON.stringify({ id: n.id, kind: n.kind, title: n.title, body: n.body, leadId: n.lead_id, offerId: n.offer_id, recipient: { kind: n.recipient_kind, id: n.recipient_id }, createdAt: n.created_at });
    const result = await this.client.send(hook.url, hook.secret, { 'x-parkmatch-notification': n.id, 'x-parkmatch-webhook': hook.id }, body);
    const last = result.refused || attempt.made + 1 >= attempt.max;
    await this.uow.transaction(async (r) => {
      await r.notifications.markWebhook(n.id, result.ok ? { status: 'delivered' } : { status: last ? 'failed' : 'pending', error: result.error });
      await r.webhooks.recordAttempt(hook.id, result);
    });
    if (result.ok) return 'delivered';
    throw result.refused ? new UnrecoverableError(result.error) : new Error(result.error);
  }
}
