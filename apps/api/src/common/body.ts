import { ApiBody } from '@nestjs/swagger';
import { checkBody } from '#contract';
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
  const r = checkBody(shape instanceof z.ZodType ? shape : z.object(shape).strict(), body);
  if (r.ok) return r.data;
  throw new DomainError('VALIDATION_FAILED', r.refusals.map((d) => d.message).join('；'), r.refusals);
}

/** Documents a request body by the schema that parses it (what a client may send), with an example. */
export function ApiBodyFrom(schema: z.ZodType, example?: unknown): MethodDecorator {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return ApiBody({ schema: { ...json, ...(example === undefined ? {} : { example }) } });
}
