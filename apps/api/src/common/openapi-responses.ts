import type { OpenAPIObject } from '@nestjs/swagger';
import { RESPONSES } from '#contract';
import { z } from 'zod';

/**
 * Puts libs/contract's response schemas into the OpenAPI document: each registered route's success answer
 * (the 2xx Nest wrote for it, e.g. 201 for a POST without @HttpCode) gets its JSON schema.
 */
export function documentResponses(doc: OpenAPIObject): OpenAPIObject {
  for (const [key, schema] of Object.entries(RESPONSES)) {
    const [method, path] = key.split(' ') as [string, string];
    const op = (doc.paths[path] as Record<string, { responses?: Record<string, { description?: string; content?: unknown }> }> | undefined)?.[method.toLowerCase()];
    if (!op) throw new Error(`libs/contract RESPONSES 中的 ${key} 不是 API 的接口（路径按 OpenAPI 文档写法，如 /api/leads/{id}）`);
    const json = responseJsonSchema(schema);
    const status = Object.keys(op.responses ?? {}).find((s) => /^2\d\d$/.test(s)) ?? '200';
    op.responses = { ...op.responses, [status]: { description: op.responses?.[status]?.description || '成功', content: { 'application/json': { schema: json } } } };
  }
  return doc;
}

/** A response schema as the document writes it: OpenAPI 3.0 (the document's version), so nullable fields read `nullable: true`. */
export function responseJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}
