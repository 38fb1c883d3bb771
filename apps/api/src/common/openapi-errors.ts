import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES } from '#errors';

/**
 * Puts the error model into the OpenAPI document: the ErrorBody schema with `code` as an enum of every
 * code, the table of codes (`x-error-codes`: status and meaning), and ErrorBody as each operation's default answer.
 */
export function documentErrors(doc: OpenAPIObject): OpenAPIObject {
  const codes = Object.entries(ERROR_CODES).map(([code, d]) => ({ code, status: d.status, message: d.message }));
  doc.components ??= {};
  doc.components.schemas = {
    ...doc.components.schemas,
    ErrorBody: {
      type: 'object',
      required: ['statusCode', 'code', 'error', 'message'],
      properties: {
        statusCode: { type: 'integer', example: 409 },
        code: { type: 'string', enum: codes.map((c) => c.code), description: '稳定的错误代码，供程序判断；含义见 x-error-codes', example: 'STALE_REVISION' },
        error: { type: 'string', example: 'Conflict' },
        message: { type: 'string', description: '给人看的中文说明：出了什么问题、该怎么做' },
        details: {
          type: 'array',
          items: { type: 'object', required: ['message'], properties: { code: { type: 'string' }, field: { type: 'string' }, row: { type: 'integer' }, message: { type: 'string' } } },
        },
      },
    },
  };
  for (const item of Object.values(doc.paths))
    for (const op of Object.values(item as Record<string, { responses?: Record<string, unknown> }>))
      if (op && typeof op === 'object' && 'responses' in op)
        op.responses = { ...op.responses, default: { description: '错误（ErrorBody，code 见 x-error-codes）', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } } };
  return Object.assign(doc, { 'x-error-codes': codes });
}
