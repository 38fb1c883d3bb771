import { z } from 'zod';
import { CHINA_MONTH } from '#domain';
import { fromDateParam, toDateParam, type QueryInput } from './query.js';

/** The city's figures: the dashboard (/api/stats/overview), the reports (/api/reports…) and the industry map, defined once like leads.ts. */

export const REPORT_QUERIES = {
  overview: { from: fromDateParam.optional(), to: toDateParam.optional() },
  precision: { month: z.string().regex(CHINA_MONTH, '须为 YYYY-MM 格式的月份，例如 2026-11').optional() },
  /** The month is checked by the report service (its message names the month it read). */
  monthly: { month: z.string().max(20).optional() },
  industryMap: {
    q: z.string().trim().max(50, '关键词不超过 50 字').optional(),
    gaps: z.enum(['true', 'false'], { message: '只能是 true 或 false' }).optional(),
  },
} as const;

export type ReportQuery<K extends keyof typeof REPORT_QUERIES> = QueryInput<(typeof REPORT_QUERIES)[K]>;
