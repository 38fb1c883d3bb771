import { z } from 'zod';
import { DUPLICATE_REASONS, DUPLICATE_STATUSES } from '#domain';
import { pageQuery, type QueryInput } from './query.js';
import { recipientId, recipientKind } from './webhooks.js';

/** The manager's review desk (/api/review…, /api/duplicates…, /api/rescore) and the notices (/api/notifications…), defined once like leads.ts. */

const verdict = {
  status: z.enum(['confirmed', 'dismissed'], { message: '须为 confirmed 或 dismissed' }),
  comment: z.string().trim().min(1, '请填写裁定说明（comment）').max(1000),
};
const note = z.string().trim().max(1000, '说明不超过 1000 字').optional();

export const REVIEW_QUERIES = {
  noFit: pageQuery,
  duplicates: {
    ...pageQuery,
    status: z.enum(DUPLICATE_STATUSES, { message: '须为 flagged / confirmed / dismissed' }).optional(),
    reason: z.enum(DUPLICATE_REASONS, { message: '须为 credit_code / company_name / description' }).optional(),
    board: z.string().trim().min(1).max(50).optional(),
    q: z.string().trim().max(100).optional(),
  },
  notifications: { ...pageQuery, recipientKind, recipientId, unread: z.enum(['true', 'false'], { message: '只能是 true 或 false' }).optional() },
} as const;

export const REVIEW_REQUESTS = {
  /** POST /api/review/leads/:id/send */
  send: z
    .object({
      parkIds: z
        .array(z.string().min(1).max(100), { message: '请选择要转推的园区（parkIds 数组）' })
        .min(1, '请至少选择一个园区')
        .max(20, '一次最多转推 20 个园区')
        .refine((ids) => new Set(ids).size === ids.length, '园区有重复'),
      note,
    })
    .strict(),
  /** POST /api/review/leads/:id/close: the reason code is checked against CLOSE_REASONS by the service. */
  close: z.object({ reason: z.string({ message: '请给出关闭原因代码（reason）' }).max(50), note }).strict(),
  /** POST /api/duplicates/settle: one transaction for all. */
  settleMany: z
    .object({ ids: z.array(z.string().min(1).max(100), { message: '请给出要裁定的记录编号列表（ids）' }).min(1, '请至少选择一条记录（ids）').max(200, '一次最多裁定 200 条'), ...verdict })
    .strict(),
  /** POST /api/duplicates/:id/settle */
  settle: z.object({ ...verdict, firstReportLeadId: z.string().max(100).optional() }).strict(),
  /** POST /api/rescore */
  rescore: z.object({ reason: z.string().trim().min(1, '请说明重算原因（reason）').max(200) }).strict(),
  /** POST /api/notifications/:id/read: whose inbox the notice is in. */
  markRead: z.object({ recipientKind, recipientId }).strict(),
} as const;

export type ReviewRequests = typeof REVIEW_REQUESTS;
export type ReviewRequest<K extends keyof ReviewRequests> = z.input<ReviewRequests[K]>;
export type ReviewQuery<K extends keyof typeof REVIEW_QUERIES> = QueryInput<(typeof REVIEW_QUERIES)[K]>;
