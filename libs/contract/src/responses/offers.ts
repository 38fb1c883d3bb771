import { z } from 'zod';
import { OFFER_STATUSES, STAGES } from '#domain';
import { amount, contact, instant, matchReason, offsetPage, person } from './common.js';

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
