import type { ArgumentsHost } from '@nestjs/common';
import { sql, type RawBuilder } from 'kysely';
import type { DatabaseHandle } from '#persistence';
import { DATABASE_KINDS, openTestDatabase } from '../../../../tests/support/databases.js';
import { AllExceptionsFilter } from './all-exceptions.filter.js';

/** The safety net: input the edge let through and the database refused is the client's 400, not a 500. */
describe.each(DATABASE_KINDS)('exception filter and database data errors (%s)', (kind) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase(kind, { migrate: false });
  });
  afterAll(() => h.close());

  /** What the filter answers for the error a real statement raises. */
  async function answer(q: RawBuilder<unknown>): Promise<{ status: number; body: { statusCode: number; code: string; message: string } }> {
    const error = await q.execute(h.db).then(() => undefined, (e: unknown) => e);
    expect(error).toBeDefined();
    const out = { status: 0, body: undefined as unknown as { statusCode: number; code: string; message: string } };
    const res = { headersSent: false, set: () => res, status: (s: number) => ((out.status = s), res), json: (b: typeof out.body) => ((out.body = b), res) };
    const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ method: 'GET', originalUrl: '/api/test' }) }) } as unknown as ArgumentsHost;
    new AllExceptionsFilter().catch(error, host);
    return out;
  }

  it.each([
    ['22021 NUL in text', sql`select ${'a\u0000b'}::text`, /NUL/],
    ['22003 number out of range', sql`select ${'3000000000'}::int4`, /数值超出/],
    ['22P02 malformed id', sql`select ${'not-a-uuid'}::uuid`, /格式无效/],
    ['22008 impossible date', sql`select ${'2024-02-30'}::date`, /日期/],
  ])('%s → 400 in Chinese', async (_, q, words) => {
    const r = await answer(q);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusCode: 400, code: 'INVALID_DATA' });
    expect(r.body.message).toMatch(words);
  });

  it('an error that is not the input (a syntax error) stays one logged 500', async () => {
    const r = await answer(sql`selec 1`);
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('服务器内部错误') });
  });
});
