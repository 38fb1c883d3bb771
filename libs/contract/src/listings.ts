import { z } from 'zod';
import { CARRIER_AVAILABILITY, CARRIER_KINDS, FUND_STAGES, LISTING_KINDS, LISTING_STATUSES } from '#domain';
import { pageQuery, type QueryInput } from './query.js';
import { isoDate } from './sharing.js';

/** The parks' listings (应用场景、基金、载体, /api/listings…), defined once like leads.ts. */

const text = (label: string, max: number) => z.string({ message: `${label}须为文字` }).trim().min(1, `请填写${label}`).max(max, `${label}不超过 ${max} 字`);
const positive = (label: string, max: number) => z.number({ message: `${label}须为数字` }).positive(`${label}须大于 0`).max(max, `${label}过大，请核对单位`);

const common = {
  park: z.string().trim().min(1).max(50).optional(),
  title: text('标题', 100),
  description: text('说明', 2000),
  status: z.enum(LISTING_STATUSES, { message: '须为 open（开放）或 closed（已关闭）' }).optional(),
  note: z.string().trim().max(500, '修订说明不超过 500 字').optional(),
};
const sectors = (min: number) =>
  z.array(text('行业', 50), { message: 'sectors 须为行业名称数组，如 ["第三代半导体"]' }).min(min, '请至少填写一个行业（sectors）').max(10, '行业最多 10 个');

export const LISTING_QUERIES = {
  list: {
    ...pageQuery,
    kind: z.enum(LISTING_KINDS, { message: '须为 scenario / fund / carrier' }).optional(),
    park: z.string().max(50).optional(),
    board: z.string().max(50).optional(),
    status: z.enum(LISTING_STATUSES, { message: '须为 open / closed' }).optional(),
    q: z.string().trim().max(100).optional(),
  },
} as const;

/**
 * A listing's body per kind (POST /api/listings, POST /api/listings/:id/revisions: the whole revised content). The
 * API picks the schema by `kind` first, so a missing or unknown kind is one message, not three.
 */
export const LISTING_REQUESTS = {
  scenario: z
    .object({
      kind: z.literal('scenario'),
      ...common,
      sectors: sectors(1),
      owner: z.string().trim().max(100, '发布主体不超过 100 字').optional(),
      budgetWan: positive('预算（万元）', 10_000_000).optional(),
      pilotTerms: z.string().trim().max(1000, '试点条件不超过 1000 字').optional(),
      deadline: isoDate,
    })
    .strict()
    .refine((b) => b.budgetWan !== undefined || !!b.pilotTerms, { path: ['budgetWan'], message: '应用场景请填写预算（budgetWan，万元）或试点条件（pilotTerms）' }),
  fund: z
    .object({
      kind: z.literal('fund'),
      ...common,
      sectors: sectors(1),
      stages: z.array(z.enum(FUND_STAGES, { message: `投资阶段须为 ${FUND_STAGES.join(' / ')}` })).min(1, '请至少选择一个投资阶段（stages）'),
      sizeCny100m: positive('基金规模（亿元）', 10_000),
      ticketMinWan: positive('单笔投资下限（万元）', 10_000_000).optional(),
      ticketMaxWan: positive('单笔投资上限（万元）', 10_000_000).optional(),
    })
    .strict(),
  carrier: z
    .object({
      kind: z.literal('carrier'),
      ...common,
      sectors: sectors(0).default([]),
      carrierKind: z.enum(CARRIER_KINDS, { message: `载体类型须为 ${CARRIER_KINDS.join(' / ')}` }),
      area: z.object({ value: positive('面积', 10_000_000), unit: z.enum(['平方米', '亩'], { message: '面积单位须为 平方米 或 亩' }) }, { message: '请填写面积 area：{ value, unit: 平方米 | 亩 }' }).strict(),
      floorLoadKn: positive('楼面荷载（kN/㎡）', 1000).optional(),
      cleanRoom: z.string().trim().max(30, '洁净等级不超过 30 字').optional(),
      powerKva: positive('供电容量（kVA）', 10_000_000).optional(),
      price: z.string().trim().max(100, '价格不超过 100 字').optional(),
      availability: z.enum(CARRIER_AVAILABILITY, { message: '须为 available（可租售）/ partial（部分可用）/ occupied（已满）' }),
      availableFrom: isoDate.optional(),
    })
    .strict(),
} as const;

/** Any listing body, as the OpenAPI document shows it. */
export const listingRequest = z.union([LISTING_REQUESTS.scenario, LISTING_REQUESTS.fund, LISTING_REQUESTS.carrier]);

export type ListingRequests = typeof LISTING_REQUESTS;
/** What a client sends for a listing of one kind, or (no kind given) of any kind. */
export type ListingRequest<K extends keyof ListingRequests = keyof ListingRequests> = z.input<ListingRequests[K]>;
export type ListingQuery<K extends keyof typeof LISTING_QUERIES> = QueryInput<(typeof LISTING_QUERIES)[K]>;
