import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { UnitOfWork } from '#persistence';

const WEBHOOK_TIMEOUT_MS = 5000;

/** The `notify` job: POSTs a stored notice to its webhook; failures throw so BullMQ retries with backoff. */
@Injectable()
export class NotificationService {
  constructor(private readonly uow: UnitOfWork) {}

  async deliver(notificationId: string, attempt: { made: number; max: number }): Promise<'delivered' | 'nothing-to-do'> {
    return this.uow.read(async (r) => {
      const n = await r.notifications.find(notificationId);
      if (!n) throw new UnrecoverableError(`notification ${notificationId} does not exist`);
      if (!n.webhook_url || n.webhook_status === 'delivered') return 'nothing-to-do';
      try {
        const res = await fetch(n.webhook_url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-parkmatch-notification': n.id },
          body: JSON.stringify({ id: n.id, kind: n.kind, title: n.title, body: n.body, leadId: n.lead_id, offerId: n.offer_id, recipient: { kind: n.recipient_kind, id: n.recipient_id }, createdAt: n.created_at }),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
        await r.notifications.markWebhook(n.id, { status: 'delivered' });
        return 'delivered';
      } catch (e) {
        const last = attempt.made + 1 >= attempt.max;
        await r.notifications.markWebhook(n.id, { status: last ? 'failed' : 'pending', error: (e as Error).message });
        throw e;
      }
    });
  }
}
