import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { DomainError } from '#errors';
import './zod-locale.js';

// The shared parameters are the contract's (libs/contract), so the console types its queries with them too.
export { fromDateParam, isoDate, ownerParam, pageQuery, toDateParam } from '#contract';

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
