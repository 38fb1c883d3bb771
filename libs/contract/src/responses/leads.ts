import { z } from 'zod';
import { FOLLOW_UP_KINDS, LEAD_STATUSES, OFFER_STATUSES, STAGES } from '#domain';
import { amount, contact, count, day, instant, matchReason, offsetPage, person } from './common.js';

/** What every view of a lead shows (libs/pipeline leadSummary): fields the view may not see are null. */
const leadFields = {
  id: z.string(),
  code: z.string(),
  originBoard: z.string(),
  submitter: z.string().nullable(),
  company: z.string().nullable(),
  creditCode: z.string().nullable(),
  description: z.string(),
  sector: z.string().nullable(),
  primarySector: z.string().nullable(),
  amount: amount.nullable(),
  landMu: z.number().nullable(),
  channel: z.string().nullable(),
  status: z.enum(LEAD_STATUSES),
  reviewReason: z.string().nullable(),
  stage: z.enum(STAGES).nullable(),
  acceptedParkId: z.string().nullable(),
  scoringRound: count,
  createdAt: instant,
  updatedAt: instant,
};

/** A lead as a list or its page shows it to a viewer. */
const leadSummary = {
  ...leadFields,
  view: z.enum(['full', 'named', 'deidentified']),
  /** 责任人, in the views that see the work log. */
  owners: z.strictObject({ board: person.nullable(), park: person.nullable() }).nullable(),
};

/** GET /api/leads */
export const LeadPage = offsetPage(z.strictObject(leadSummary));

/** GET /api/review/no-fit: the manager's review list (full view, city-wide). */
export const ReviewPage = offsetPage(z.strictObject(leadFields));

const rankedPark = z.strictObject({ parkId: z.string(), park: z.string(), board: z.string(), score: z.number(), rank: z.number().int(), reasons: z.array(matchReason) });

/** GET /api/leads/{id}: the lead as far as the viewer may see it, with ranking, offers, duplicates and history. */
export const LeadDetail = z.strictObject({
  ...leadSummary,
  contacts: z.array(contact).nullable(),
  ranking: z
    .strictObject({
      id: z.string(),
      round: count,
      engineVersion: z.string(),
      profileVersions: z.record(z.string(), z.number().int()),
      noFit: z.boolean(),
      primarySector: z.string().nullable(),
      results: z.array(rankedPark),
      createdAt: instant,
    })
    .nullable(),
  offers: z.array(
    z.strictObject({
      id: z.string(),
      parkId: z.string(),
      park: z.string(),
      board: z.string(),
      score: z.number(),
      rank: z.number().int(),
      status: z.enum(OFFER_STATUSES),
      declineReason: z.string().nullable(),
      declineNote: z.string().nullable(),
      respondBy: instant,
      assessBy: instant,
      decidedBy: z.string().nullable(),
      decidedAt: instant.nullable(),
      createdAt: instant,
      reasons: z.array(matchReason),
    }),
  ),
  duplicates: z.array(
    z.strictObject({
      id: z.string(),
      reason: z.string(),
      similarity: z.number(),
      status: z.string(),
      crossBoard: z.boolean(),
      otherVisible: z.boolean(),
      firstReportLeadId: z.string().nullable(),
      otherLeadId: z.string().nullable(),
      otherLeadCode: z.string().nullable(),
      otherBoard: z.string().nullable(),
      settledBy: z.string().nullable(),
      comment: z.string().nullable(),
    }),
  ),
  // Each event kind carries its own facts (round, offers, stage…): the data stays open.
  history: z.array(z.strictObject({ kind: z.string(), actor: z.string(), data: z.record(z.string(), z.unknown()), at: instant })),
});

/** GET /api/leads/{id}/follow-ups: the work log (跟进记录), newest first. */
export const FollowUpList = z.strictObject({
  items: z.array(
    z.strictObject({
      id: z.string(),
      leadId: z.string(),
      side: z.strictObject({ kind: z.enum(['board', 'park', 'manager']), id: z.string() }),
      happenedOn: day,
      kind: z.enum(FOLLOW_UP_KINDS),
      participants: z.string(),
      summary: z.string(),
      nextStep: z.string().nullable(),
      nextStepOn: day.nullable(),
      authorName: z.string(),
      remindedAt: instant.nullable(),
      createdAt: instant,
    }),
  ),
});

/** GET /api/staff: who may be named 责任人. */
export const StaffList = z.strictObject({ items: z.array(person) });

/** POST /api/leads: 201 with a new lead, 200 when an Idempotency-Key names the first submission. */
export const LeadCreated = z.strictObject({ id: z.string(), code: z.string(), created: z.boolean() });

/** GET /api/duplicates: the manager's 项目撞车 list (the stored pairs with both leads' facts, snake_case). */
export const DuplicatePage = offsetPage(
  z.strictObject({
    id: z.string(),
    lead_id: z.string(),
    other_lead_id: z.string(),
    reason: z.string(),
    similarity: z.number(),
    first_report_lead_id: z.string(),
    status: z.string(),
    settled_by: z.string().nullable(),
    settled_at: instant.nullable(),
    comment: z.string().nullable(),
    cross_board: z.literal(true),
    created_at: instant,
    lead_code: z.string(),
    other_lead_code: z.string(),
    lead_board: z.string(),
    other_board: z.string(),
    lead_company: z.string().nullable(),
    other_company: z.string().nullable(),
    lead_status: z.enum(LEAD_STATUSES),
    other_status: z.enum(LEAD_STATUSES),
    lead_stage: z.enum(STAGES).nullable(),
    other_stage: z.enum(STAGES).nullable(),
    lead_review_reason: z.string().nullable(),
    other_review_reason: z.string().nullable(),
    /** One of the two leads waits as 疑似撞车 for this settlement. */
    held: z.boolean(),
  }),
);
