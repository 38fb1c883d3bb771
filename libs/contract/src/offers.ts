import { z } from 'zod';
import { DECLINE_REASON_CODES, DECLINE_REASONS, OFFER_STATUSES, type DeclineReason } from '#domain';
import { ownerParam, pageQuery, type QueryInput } from './query.js';

/** The park inbox's requests (/api/parks/:parkId/offers…, /api/offers/overdue), defined once like leads.ts. */

export const OFFER_QUERIES = {
  inbox: { ...pageQuery, status: z.enum(OFFER_STATUSES, { message: `须为 ${OFFER_STATUSES.join(' / ')}` }).optional(), owner: ownerParam.optional() },
  overdue: { ...pageQuery, park: z.string().max(50).optional() },
} as const;

export const OFFER_REQUESTS = {
  accept: z.object({}).strict(),
  decline: z
    .object({
      reason: z.enum(DECLINE_REASON_CODES as [DeclineReason, ...DeclineReason[]], { message: `请给出拒绝原因代码（reason），可选：${DECLINE_REASON_CODES.map((c) => `${c}（${DECLINE_REASONS[c]}）`).join('、')}` }),
      note: z.string().max(500, '说明不超过 500 字').optional(),
    })
    .strict(),
  stage: z.object({ stage: z.string().min(1, '请给出目标阶段（stage）'), note: z.string().max(500).optional() }).strict(),
} as const;

export type OfferRequests = typeof OFFER_REQUESTS;
export type OfferRequest<K extends keyof OfferRequests> = z.input<OfferRequests[K]>;
export type OfferQuery<K extends keyof typeof OFFER_QUERIES> = QueryInput<(typeof OFFER_QUERIES)[K]>;
