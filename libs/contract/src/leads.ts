import { z } from 'zod';
import { FOLLOW_UP_KINDS, LEAD_STATUSES } from '#domain';
import { leadInputSchema, MAX_AMOUNT_WAN_YUAN, MAX_LAND_MU } from '#intake';
import { fromDateParam, ownerParam, pageQuery, toDateParam, type QueryInput } from './query.js';
import { isoDate } from './sharing.js';

/**
 * The lead routes' requests (/api/leads…), defined once: the API parses with them, the OpenAPI document shows
 * them, and the console types its calls with them.
 */

/** Lead list filters (GET /api/leads); the export takes the same without paging. */
const listFilters = {
  board: z.string().max(50).optional(),
  status: z.enum(LEAD_STATUSES, { message: `须为 ${LEAD_STATUSES.join(' / ')}` }).optional(),
  sector: z.string().max(100).optional(),
  park: z.string().max(50).optional(),
  from: fromDateParam.optional(),
  to: toDateParam.optional(),
  q: z.string().max(100).optional(),
  repeat: z.enum(['same-board'], { message: '须为 same-board（本板块重复报送）' }).optional(),
  owner: ownerParam.optional(),
};

/** Query shapes per route (`parseQuery(shape, query)` refuses unknown parameters). */
export const LEAD_QUERIES = {
  list: { ...pageQuery, ...listFilters },
  export: listFilters,
  staff: { board: z.string().max(50).optional(), park: z.string().max(50).optional() },
} as const;

/** Body schemas per route. */
export const LEAD_REQUESTS = {
  /** POST /api/leads: the intake rules (libs/intake); originBoard and submitter are replaced by the signed-in account's. */
  create: leadInputSchema(),
  followUp: z
    .object({
      happenedOn: isoDate,
      kind: z.enum(FOLLOW_UP_KINDS, { message: `须为 ${FOLLOW_UP_KINDS.join(' / ')}` }),
      participants: z.string().trim().min(1, '请填写参加人员').max(300, '参加人员最多 300 字'),
      summary: z.string().trim().min(1, '请填写跟进情况').max(4000, '跟进情况最多 4000 字'),
      nextStep: z.string().trim().max(500, '下一步最多 500 字').optional(),
      nextStepOn: isoDate.optional(),
    })
    .strict(),
  /** POST /api/match/preview: the form's live ranking; nothing is stored. */
  preview: z
    .object({
      description: z.string().max(5000, '项目描述不超过 5000 字'),
      sector: z.string().max(100).optional(),
      amountWan: z.number().nonnegative().max(MAX_AMOUNT_WAN_YUAN, `投资额不超过 ${MAX_AMOUNT_WAN_YUAN} 万元`).optional(),
      landMu: z.number().nonnegative().max(MAX_LAND_MU, `用地不超过 ${MAX_LAND_MU} 亩`).optional(),
      originBoard: z.string().max(50).optional(),
    })
    .strict(),
  assign: z.object({ userId: z.string().min(1, '请选择责任人').max(100).nullable() }).strict(),
} as const;

export type LeadRequests = typeof LEAD_REQUESTS;
/** What a client sends to a lead route (before the server's transforms). */
export type LeadRequest<K extends keyof LeadRequests> = z.input<LeadRequests[K]>;
export type LeadQuery<K extends keyof typeof LEAD_QUERIES> = QueryInput<(typeof LEAD_QUERIES)[K]>;
