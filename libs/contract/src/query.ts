import { z } from 'zod';
import { chinaDayRange } from '#domain';
import { isIsoDate } from '#sharing';

/** Query parameters every list shares. Values arrive as text: numbers are coerced. */
export const pageQuery = {
  page: z.coerce.number({ message: 'page 须为数字' }).int('page 须为整数').min(1, 'page 从 1 开始').max(100000, 'page 过大').default(1),
  pageSize: z.coerce.number({ message: 'pageSize 须为数字' }).int('pageSize 须为整数').min(1, 'pageSize 至少为 1').max(200, 'pageSize 最大为 200').default(20),
};

/** 责任人: a user id from GET /api/staff. */
export const ownerParam = z.string().max(100, '责任人编号过长，请从 GET /api/staff 的人员中选择');

const notADate = (s: string) => `须为真实存在的日期（YYYY-MM-DD），收到 ${s.slice(0, 40)}`;

const dateInput = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(s) && isIsoDate(s.slice(0, 10)) && !Number.isNaN(new Date(s).getTime()), { error: (i) => notADate(String(i.input)) });

/** 起始日期: a date is that Shanghai day's first instant (chinaDayRange); a date and time is that instant. */
export const fromDateParam = dateInput.transform((s) => (s.length === 10 ? chinaDayRange(s).from : new Date(s)));
/** 截止日期: a date includes that whole Shanghai day (the bound is the next Shanghai midnight, exclusive); a date and time is that instant. */
export const toDateParam = dateInput.transform((s) => (s.length === 10 ? chinaDayRange(s).to : new Date(s)));

/** What a client may put in the query string of a route whose parameters are `shape`. */
export type QueryInput<S extends z.ZodRawShape> = z.input<z.ZodObject<S>>;
