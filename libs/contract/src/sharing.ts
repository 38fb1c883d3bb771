import { z } from 'zod';
import { INDICATORS, RECORD_STATUSES, START_EVENTS, isIsoDate, wanToYuan, type Indicator, type NegotiatedTermsInput, type TermsInput } from '#sharing';
import { pageQuery, type QueryInput } from './query.js';

/**
 * The request bodies of the benefit-sharing routes (/api/sharing-records/:id/…), defined once: the API parses with
 * them (parseBody), the OpenAPI document shows them, and the console's client types its bodies with them, so
 * the console cannot send a field the server refuses. Units are settled here: amounts arrive in 元 or 万元 and
 * leave as 元; terms arrive as negotiated terms or `defaults: true`.
 */

const notADate = (s: string) => `须为真实存在的日期（YYYY-MM-DD），收到 ${s.slice(0, 40)}`;

/** A calendar date as YYYY-MM-DD: 2024-02-30 is refused, not read as 1 March. */
export const isoDate = z.string().refine((s) => isIsoDate(s), { error: (i) => notADate(String(i.input)) });

const bp = z.number({ message: '须为整数基点（10000 = 100%）' });
const creditMode = z.object({ mode: z.enum(['double', 'split'], { message: '须为 double（双算）或 split（分算）' }), originBp: bp.optional(), receiverBp: bp.optional() }).strict();
/** Negotiated terms (协商协议); whether shares add up and lie in the allowed ranges is libs/sharing's rule (validateTerms). */
const negotiated = z
  .object({
    credit: z.object(Object.fromEntries(INDICATORS.map((i) => [i, creditMode.optional()])) as Record<Indicator, z.ZodOptional<typeof creditMode>>).strict(),
    creditWindow: z.object({ years: z.number().int(), startEvent: z.enum(START_EVENTS) }).strict(),
    revenueShare: z.object({ originBp: z.number().int(), years: z.number().int(), startEvent: z.enum(START_EVENTS) }).strict(),
    agreementRef: z.string().max(200).default(''),
  })
  .strict();

const expectedRevision = z.number().int().min(1).max(1_000_000, 'expectedRevision 过大').optional();
const comment = z.string().max(1000);

/** `terms` or `defaults: true`, exactly one, as the ledger's TermsInput. */
function termsOf(b: { terms?: z.infer<typeof negotiated>; defaults?: true }, ctx: z.RefinementCtx): TermsInput {
  if (b.defaults && b.terms) ctx.addIssue({ code: 'custom', path: ['terms'], message: 'terms 与 defaults 只能二选一' });
  else if (!b.defaults && !b.terms) ctx.addIssue({ code: 'custom', path: ['terms'], message: '请给出协商条款（terms）或填 defaults: true 恢复默认规则' });
  return b.defaults ? { defaults: true } : { negotiated: b.terms as unknown as NegotiatedTermsInput };
}
const termsFields = { terms: negotiated.optional(), defaults: z.literal(true, { message: '恢复默认规则时填 true' }).optional() };

const amountYuan = z.union([z.number(), z.string().regex(/^\d+$/, '须为整数（元）').transform(Number)]);
const indicatorValue = z
  .object({
    indicator: z.enum(INDICATORS, { message: `须为 ${INDICATORS.join(' / ')}` }),
    periodFrom: isoDate,
    periodTo: isoDate,
    amountYuan: amountYuan.optional(),
    amountWan: z.union([z.string(), z.number()]).optional(),
    note: z.string().max(500).optional(),
  })
  .strict()
  .transform((v, ctx) => {
    let yuan = v.amountYuan;
    if ((v.amountYuan === undefined) === (v.amountWan === undefined)) ctx.addIssue({ code: 'custom', message: '请填写 amountYuan（元）或 amountWan（万元）之一' });
    else if (v.amountWan !== undefined)
      try {
        yuan = wanToYuan(v.amountWan);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `金额无效：${(e as Error).message}` });
      }
    return { indicator: v.indicator, periodFrom: v.periodFrom, periodTo: v.periodTo, amountYuan: yuan ?? 0, note: v.note };
  });

/** Body shapes per route (`parseBody(shape, body)` refuses unknown fields). */
export const SHARING_REQUESTS = {
  confirm: z.object({ expectedRevision, comment: comment.optional() }).strict(),
  approve: z.object({ expectedRevision, comment: comment.optional() }).strict(),
  reject: z.object({ expectedRevision, comment: comment.default('') }).strict(),
  terms: z.object({ expectedRevision, ...termsFields, comment: comment.optional() }).strict().transform((b, ctx) => ({ expectedRevision: b.expectedRevision, comment: b.comment, terms: termsOf(b, ctx) })),
  amend: z.object({ expectedRevision, ...termsFields, reason: comment.default('') }).strict().transform((b, ctx) => ({ expectedRevision: b.expectedRevision, reason: b.reason, terms: termsOf(b, ctx) })),
  indicators: z.object({ values: z.array(indicatorValue).min(1, '请至少填写一项指标数值').max(500) }).strict(),
} as const;

export type SharingRequests = typeof SHARING_REQUESTS;
/** What a client sends to a sharing route (before the server's transforms). */
export type SharingRequest<K extends keyof SharingRequests> = z.input<SharingRequests[K]>;

const statuses = [...RECORD_STATUSES, 'superseded'] as const;

/** The record list's filters (GET /api/sharing-records); the exports take the same without paging. */
const filterQuery = {
  board: z.string().max(50).optional(),
  boardSide: z.enum(['origin', 'receiving', 'either'], { message: '须为 origin / receiving / either' }).optional(),
  park: z.string().max(50).optional(),
  status: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(statuses, { message: `须为 ${statuses.join(' / ')}（可用逗号分隔多个）` })))
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  basis: z.enum(['proposed', 'signed', 'decided'], { message: '须为 proposed（生成）/ signed（签约）/ decided（审批）' }).optional(),
  includeSuperseded: z.enum(['true', 'false']).optional(),
};

/** Query shapes per route (`parseQuery(shape, query)` refuses unknown parameters). */
export const SHARING_QUERIES = {
  list: { ...pageQuery, ...filterQuery },
  export: filterQuery,
  totals: { from: isoDate, to: isoDate },
  /** GET /api/sharing-records/:id: the yearly revenue forecast the revenue-share plan is computed on. */
  record: {
    revenue: z
      .string()
      .regex(/^\d{1,15}(,\d{1,15}){0,49}$/, '须为逗号分隔的各年预测收益（元）：每项为不超过 15 位的非负整数，最多 50 年')
      .transform((s) => s.split(',').map(Number))
      .optional(),
  },
} as const;

export type SharingQuery<K extends keyof typeof SHARING_QUERIES> = QueryInput<(typeof SHARING_QUERIES)[K]>;
