import { ApiBody } from '@nestjs/swagger';
import { DomainError } from '#errors';
import { z } from 'zod';
import './zod-locale.js';

/**
 * Parses a JSON body with a zod shape (or a whole schema, e.g. one of libs/contract's); unknown fields and
 * bad values are a 400 listing each field.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S>;
export function parseBody<T extends z.ZodRawShape>(shape: T, body: unknown): z.infer<z.ZodObject<T>>;
export function parseBody(shape: z.ZodRawShape | z.ZodType, body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new DomainError('VALIDATION_FAILED', '请求体须为 JSON 对象');
  const r = (shape instanceof z.ZodType ? shape : z.object(shape).strict()).safeParse(body);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => {
    const field = i.path.join('.');
    const message = i.code === 'unrecognized_keys' ? `不支持的字段：${(i as { keys: string[] }).keys.join('、')}` : i.code === 'invalid_type' && i.input === undefined ? `缺少字段 ${field}` : `${field}：${i.message}`;
    return { field, message };
  });
  throw new DomainError('VALIDATION_FAILED', details.map((d) => d.message).join('；'), details);
}

/** Documents a request body by the schema that parses it (what a client may send), with an example. */
export function ApiBodyFrom(schema: z.ZodType, example?: unknown): MethodDecorator {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return ApiBody({ schema: { ...json, ...(example === undefined ? {} : { example }) } });
}
