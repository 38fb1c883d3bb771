import { z } from 'zod';
import { INDICATORS, RECORD_STATUSES, START_EVENTS } from '#sharing';
import { count, day, instant } from './common.js';

const actor = z.strictObject({
  role: z.enum(['promoter', 'park_operator', 'manager', 'admin']),
  id: z.string(),
  name: z.string().optional(),
  boardId: z.string().optional(),
  parkId: z.string().optional(),
});
const creditMode = z.union([z.strictObject({ mode: z.literal('double') }), z.strictObject({ mode: z.literal('split'), originBp: z.number().int(), receiverBp: z.number().int() })]);
const terms = z.strictObject({
  source: z.enum(['policy', 'negotiated']),
  policyVersion: z.string(),
  credit: z.strictObject(Object.fromEntries(INDICATORS.map((i) => [i, creditMode])) as Record<(typeof INDICATORS)[number], typeof creditMode>),
  creditWindow: z.strictObject({ years: z.number().int(), startEvent: z.enum(START_EVENTS) }),
  revenueShare: z.strictObject({ originBp: z.number().int(), years: z.number().int(), startEvent: z.enum(START_EVENTS) }),
  agreementRef: z.string().nullable(),
});
const displayStatus = z.enum([...RECORD_STATUSES, 'superseded']);
const confirmation = z.strictObject({ by: actor, at: instant });

/** One version of a benefit-sharing record as the API shows it: the stored record with status and names. */
const recordView = z.strictObject({
  id: z.string(),
  lineageId: z.string(),
  version: z.number().int(),
  supersedes: z.string().nullable(),
  revision: z.number().int(),
  offerId: z.string(),
  leadId: z.string(),
  projectName: z.string(),
  originBoardId: z.string(),
  submittedBy: z.string(),
  receivingParkId: z.string(),
  receivingBoardId: z.string(),
  terms,
  status: z.enum(RECORD_STATUSES),
  proposedAt: instant,
  proposedBy: actor,
  originConfirmation: confirmation.nullable(),
  receiverConfirmation: confirmation.nullable(),
  decision: z.strictObject({ outcome: z.enum(['approved', 'rejected']), by: actor, at: instant, comment: z.string() }).nullable(),
  signedOn: day.nullable(),
  amendmentReason: z.string().nullable(),
  displayStatus,
  statusName: z.string(),
  originBoardName: z.string(),
  receivingBoardName: z.string(),
  receivingParkName: z.string(),
});

/** GET /api/sharing-records */
export const SharingRecordPage = z.strictObject({ items: z.array(recordView), total: count, page: z.number().int().min(1), pageSize: z.number().int().min(1), pageCount: z.number().int().min(1) });

/** GET /api/sharing-records/{id}: a record with its versions, every step, the indicator values and the revenue-share plan. */
export const SharingRecordDetail = z.strictObject({
  record: recordView,
  versions: z.array(recordView),
  history: z.array(
    z.strictObject({
      recordId: z.string(),
      revision: z.number().int(),
      event: z.enum(['propose', 'confirm', 'approve', 'reject', 'edit_terms', 'sign', 'amend']),
      eventName: z.string(),
      at: instant,
      actor,
      fromStatus: z.enum(RECORD_STATUSES).nullable(),
      toStatus: z.enum(RECORD_STATUSES),
      comment: z.string().nullable(),
      // what each kind of step adds (the side that confirmed, the signing date, the previous terms…)
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  values: z.array(
    z.strictObject({
      indicator: z.enum(INDICATORS),
      indicatorName: z.string(),
      periodFrom: day,
      periodTo: day,
      amountYuan: z.number(),
      previousAmountYuan: z.number().nullable(),
      note: z.string().nullable(),
      enteredBy: actor,
      enteredAt: instant,
    }),
  ),
  schedule: z.strictObject({
    status: z.enum(['scheduled', 'pending_start']),
    startEvent: z.enum(START_EVENTS),
    startOn: day.nullable(),
    years: z.array(
      z.strictObject({
        yearIndex: z.number().int(),
        from: day.nullable(),
        to: day.nullable(),
        originBp: z.number().int(),
        revenue: z.number().nullable(),
        originAmount: z.number().nullable(),
        receiverAmount: z.number().nullable(),
      }),
    ),
    totalRevenue: z.number(),
    totalOriginAmount: z.number(),
    totalReceiverAmount: z.number(),
    note: z.string(),
  }),
  firstReports: z.array(
    z.strictObject({
      duplicateId: z.string(),
      firstReportLeadId: z.string(),
      firstReportCode: z.string(),
      firstReportBoard: z.string(),
      settledBy: z.string().nullable(),
      settledAt: instant.nullable(),
      comment: z.string().nullable(),
      agreesWithOrigin: z.boolean(),
      note: z.string(),
    }),
  ),
});
