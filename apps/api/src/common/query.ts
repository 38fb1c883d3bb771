import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { chinaDayRange } from '#domain';
import { DomainError } from '#errors';
import { isIsoDate } from '#sharing';
import './zod-locale.js';

export const pageQuery = {
  page: z.coerce.number({ message: 'page 须为数字' }).int('page 须为整数').min(1, 'page 从 1 开始').max(100000, 'page 过大').default(1),
  pageSize: z.coerce.number({ message: 'pageSize 须为数字' }).int('pageSize 须为整数').min(1, 'pageSize 至少为 1').max(200, 'pageSize 最大为 200').default(20),
};

const FIELD_NAMES: Record<string, string> = { page: '页码', pageSize: '每页条数', from: '起始日期', to: '截止日期', status: '状态', board: '板块', park: '园区', sector: '行业', q: '关键词', owner: '责任人' };

/** Parses query parameters with a zod schema; a bad one is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodRawShape>(shape: T, query: unknown): z.infer<z.ZodObject<T>> {
  const r = z.object(shape).strict().safeParse(query ?? {});
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => {
    const field = i.path.join('.') || String((i as { keys?: string[] }).keys?.[0] ?? '');
    const message = i.code === 'unrecognized_keys' ? `不支持的查询参数：${(i as { keys: string[] }).keys.join('、')}` : `${FIELD_NAMES[field] ?? field}（${field}）：${i.message}`;
    return { field, message };
  });
  throw new DomainError('VALIDATION_FAILED', details.map((d) => d.message).join('；'), details);
}

/**
 * Documents a query shape in the OpenAPI document (name, required, allowed values), so the document lists
 * what `parseQuery(shape, …)` accepts: hoist the shape and give it to both.
 */
export function ApiQueryFrom(shape: z.ZodRawShape): MethodDecorator {
  return applyDecorators(
    ...Object.entries(shape).map(([name, core]) => {
      const schema = core as z.ZodType;
      const values = enumValues(schema);
      return ApiQuery({ name, required: !schema.safeParse(undefined).success, description: FIELD_NAMES[name], ...(values ? { enum: values } : { type: String }) });
    }),
  );
}

function enumValues(schema: z.ZodType): string[] | undefined {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodEnum ? (s.options as string[]) : undefined;
}

export function toPage(q: { page: number; pageSize: number }): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

export { isoDate } from '#contract';

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
