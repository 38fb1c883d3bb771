import { z } from 'zod';
import { OFFER_STATUSES, STAGES } from '#domain';
import { amount, contact, count, instant, matchReason, offsetPage, person } from './common.js';

/** GET /api/parks/{parkId}/offers: a park's inbox; company and contacts only once the park has accepted. */
export const InboxPage = offsetPage(
  z.strictObject({
    offerId: z.string(),
    leadId: z.string(),
    leadCode: z.string(),
    status: z.enum(OFFER_STATUSES),
    score: z.number(),
    rank: z.number().int(),
    reasons: z.array(matchReason),
    sector: z.string().nullable(),
    summary: z.string(),
    amount: amount.nullable(),
    landMu: z.number().nullable(),
    channel: z.string().nullable(),
    originBoard: z.string(),
    respondBy: instant,
    assessBy: instant,
    overdue: z.boolean(),
    createdAt: instant,
    stage: z.enum(STAGES).nullable(),
    nextStages: z.array(z.enum(STAGES)),
    company: z.string().nullable(),
    contacts: z.array(contact).nullable(),
    owner: person.nullable(),
  }),
);

/** GET /api/offers/overdue: open offers past their answer deadline (the stored rows, snake_case), oldest deadline first. */
export const OverduePage = z.strictObject({
  items: z.array(
    z.strictObject({
      id: z.string(),
      lead_id: z.string(),
      lead_code: z.string(),
      park_id: z.string(),
      park_name: z.string(),
      respond_by: instant,
      assess_by: instant,
      escalated_at: instant.nullable(),
      assess_escalated_at: instant.nullable(),
      created_at: instant,
    }),
  ),
  total: count,
});

/** POST /api/parks/{parkId}/offers/{offerId}/accept: the lead moves to 洽谈; a cross-board acceptance proposes a sharing record. */
export const OfferAccepted = z.strictObject({
  leadId: z.string(),
  offerId: z.string(),
  parkId: z.string(),
  stage: z.literal('洽谈'),
  withdrawn: count,
  crossBoard: z.boolean(),
  sharingRecordId: z.string().nullable(),
});

/** POST /api/parks/{parkId}/offers/{offerId}/decline */
export const OfferDeclined = z.strictObject({ leadId: z.string(), offerId: z.string(), openOffersLeft: count });

/** POST /api/parks/{parkId}/leads/{leadId}/stage */
export const StageMoved = z.strictObject({ leadId: z.string(), from: z.enum(STAGES), to: z.enum(STAGES), at: instant });
