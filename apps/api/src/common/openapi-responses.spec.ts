import { RESPONSES } from '#contract';
import { z } from 'zod';
import { startTestPlatform, type TestPlatform } from '../../../../tests/support/platform.js';
import { documentResponses, responseJsonSchema } from './openapi-responses.js';

describe('response schemas in the OpenAPI document and on every e2e answer', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ db: 'pglite', worker: false });
  });
  afterAll(async () => p?.close());

  it('every route of libs/contract RESPONSES is a route of the document, and its success answer shows the schema', async () => {
    const doc = (await (await fetch(p.url + '/docs-json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json'?: { schema: unknown } } }> }>> };
    for (const [key, schema] of Object.entries(RESPONSES)) {
      const [method, path] = key.split(' ') as [string, string];
      const op = doc.paths[path]?.[method.toLowerCase()];
      expect({ key, documented: !!op }).toEqual({ key, documented: true });
      const ok = Object.entries(op!.responses).find(([status]) => /^2\d\d$/.test(status));
      expect({ key, schema: ok?.[1].content?.['application/json']?.schema }).toEqual({ key, schema: responseJsonSchema(schema) });
    }
    expect(doc.paths['/api/leads/{id}']!.get!.responses['200']!.content!['application/json']!.schema).toMatchObject({ properties: { ranking: { nullable: true, type: 'object' }, offers: { type: 'array' } } });
  });

  it('a registered route that the API does not have stops the document from being built', () => {
    expect(() => documentResponses({ openapi: '3.0.0', info: { title: 't', version: '0' }, paths: {} })).toThrow(/GET \/api\/leads 不是 API 的接口/);
  });

  it('an answer with a field the schema does not know fails the call, naming the route and the field', async () => {
    const registry = RESPONSES as Record<string, z.ZodType>;
    const kept = registry['GET /api/meta']!;
    registry['GET /api/meta'] = (kept as z.ZodObject).omit({ leadStatuses: true });
    try {
      await expect(p.call('GET', '/api/meta', undefined, { as: 'manager' })).rejects.toThrow(/GET \/api\/meta: the answer does not match[\s\S]*leadStatuses/);
    } finally {
      registry['GET /api/meta'] = kept;
    }
    expect((await p.call('GET', '/api/meta', undefined, { as: 'manager' })).status).toBe(200);
  });
});
