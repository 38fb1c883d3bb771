import { z } from 'zod';
import { pageQuery, type QueryInput } from './query.js';

/** Who receives notices (站内通知, webhooks): a park, a board or the city's manager desk. */
export const recipientKind = z.enum(['park', 'board', 'manager'], { message: '须为 park / board / manager' });
export const recipientId = z.string().min(1, '请给出 recipientId').max(50);

export const WEBHOOK_QUERIES = {
  list: { recipientKind: recipientKind.optional(), recipientId: recipientId.optional() },
  deliveries: pageQuery,
} as const;

export const WEBHOOK_REQUESTS = {
  register: z.object({ recipientKind, recipientId, url: z.string().min(1, '请给出 url').max(500, 'url 最长 500 个字符') }).strict(),
  update: z.object({ enabled: z.boolean({ message: 'enabled 须为 true 或 false' }) }).strict(),
} as const;

export type WebhookRequests = typeof WEBHOOK_REQUESTS;
export type WebhookRequest<K extends keyof WebhookRequests> = z.input<WebhookRequests[K]>;
export type WebhookQuery<K extends keyof typeof WEBHOOK_QUERIES> = QueryInput<(typeof WEBHOOK_QUERIES)[K]>;
