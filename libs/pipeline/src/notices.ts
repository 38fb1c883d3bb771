import { randomUUID } from 'node:crypto';
import { JOBS } from '#queues';
import { type NewNotification, type RecipientKind, type Repositories } from '#persistence';

/** The manager's inbox id: the city bureau (市科技局) is one recipient. */
export const MANAGER_INBOX = 'city';

/**
 * Stores in-app notices and, for each enabled webhook of the recipient, queues its delivery (through the
 * outbox, in the caller's transaction). Returns the number of notices.
 */
export async function notify(
  r: Repositories,
  notices: { recipientKind: RecipientKind; recipientId: string; kind: string; title: string; body: string; leadId?: string; offerId?: string }[],
): Promise<number> {
  if (!notices.length) return 0;
  const subscribed = await r.webhooks.enabledFor(notices.map((n) => ({ kind: n.recipientKind, id: n.recipientId })));
  const rows: NewNotification[] = [];
  for (const n of notices) {
    const hooks = subscribed.filter((w) => w.recipient_kind === n.recipientKind && w.recipient_id === n.recipientId);
    if (!hooks.length) rows.push({ ...n, id: randomUUID() });
    for (const w of hooks) rows.push({ ...n, id: randomUUID(), webhookUrl: w.url, webhookId: w.id });
  }
  await r.notifications.insertMany(rows);
  await r.outbox.addMany(JOBS.notify, rows.filter((n) => n.webhookUrl).map((n) => ({ notificationId: n.id })));
  return rows.length;
}
