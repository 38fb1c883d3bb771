import { z } from 'zod';
import { REPORT_QUERIES } from './reports.js';

const first = (shape: z.ZodRawShape, query: unknown) => z.object(shape).strict().safeParse(query).error?.issues[0]?.message;

describe('report contract', () => {
  it('a month is YYYY-MM and a flag is true or false, in Chinese; an unknown parameter is refused', () => {
    expect(first(REPORT_QUERIES.precision, { month: '2026-13' })).toBe('须为 YYYY-MM 格式的月份，例如 2026-11');
    expect(first(REPORT_QUERIES.industryMap, { gaps: 'yes' })).toBe('只能是 true 或 false');
    expect(first(REPORT_QUERIES.overview, { from: '2026-02-30' })).toMatch(/^须为真实存在的日期/);
    expect(z.object(REPORT_QUERIES.monthly).strict().safeParse({ month: '2026-11', board: 'haian' }).error!.issues[0]!.code).toBe('unrecognized_keys');
  });
});
