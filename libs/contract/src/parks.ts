import { z } from 'zod';
import { PROSPECT_STATUSES } from '#domain';
import { pageQuery, type QueryInput } from './query.js';

/** The park catalog, its yearly revision (/api/parks…) and a park's prospects (招商对象), defined once like leads.ts. */

const directions = z
  .array(z.object({ text: z.string().trim().min(1, '主攻方向不能为空').max(200, '单个主攻方向不超过 200 字'), en: z.string().max(200).optional() }).strict(), { message: '须为主攻方向数组' })
  .min(1, '至少保留一个主攻方向')
  .max(20, '主攻方向不超过 20 个');

export const PARK_QUERIES = {
  list: { board: z.string().max(50).optional() },
  prospects: {
    ...pageQuery,
    status: z.enum(PROSPECT_STATUSES, { message: '须为 new（待处理）/ lead（已转线索）/ dismissed（已忽略）' }).optional(),
    batch: z.string().max(100).optional(),
  },
} as const;

export const PARK_REQUESTS = {
  /** POST /api/parks/:id/revision-preview: nothing is stored. */
  revisionPreview: z.object({ directions }).strict(),
  /** POST /api/parks/:id/versions: the reviser is the signed-in account. */
  saveVersion: z.object({ directions, note: z.string().trim().min(1, '请填写修订说明（note）').max(200, '修订说明不超过 200 字') }).strict(),
  /** POST /api/parks/:park/prospects/:id/dismiss */
  dismissProspect: z.object({ reason: z.string({ message: '请填写忽略原因（reason）' }).trim().min(1, '请填写忽略原因（reason）').max(500, '原因不超过 500 字') }).strict(),
} as const;

export type ParkRequests = typeof PARK_REQUESTS;
export type ParkRequest<K extends keyof ParkRequests> = z.input<ParkRequests[K]>;
export type ParkQuery<K extends keyof typeof PARK_QUERIES> = QueryInput<(typeof PARK_QUERIES)[K]>;
