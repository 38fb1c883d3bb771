import { z } from 'zod';
import { checkBody } from './refusal.js';
import { PARK_QUERIES, PARK_REQUESTS } from './parks.js';

const messages = (schema: z.ZodType, body: unknown) => {
  const r = checkBody(schema, body);
  return r.ok ? [] : r.refusals.map((x) => x.message);
};

describe('park contract', () => {
  it('a yearly revision keeps at least one direction, each with text; the reviser is not a field (the signed-in account is)', () => {
    expect(messages(PARK_REQUESTS.revisionPreview, { directions: [] })).toEqual(['directions：至少保留一个主攻方向']);
    expect(messages(PARK_REQUESTS.revisionPreview, { directions: [{ text: ' ' }] })).toEqual(['directions.0.text：主攻方向不能为空']);
    expect(messages(PARK_REQUESTS.saveVersion, { directions: [{ text: '高端装备' }], note: '2025 年度', editor: '张三' })).toEqual(['不支持的字段：editor']);
    expect(messages(PARK_REQUESTS.saveVersion, { directions: [{ text: '高端装备' }] })).toEqual(['缺少字段 note']);
    expect(checkBody(PARK_REQUESTS.saveVersion, { directions: [{ text: '高端装备', en: 'high-end equipment' }], note: '2025 年度动态评估' })).toMatchObject({ ok: true });
  });

  it('dismissing a prospect needs a reason', () => {
    expect(messages(PARK_REQUESTS.dismissProspect, { reason: '  ' })).toEqual(['reason：请填写忽略原因（reason）']);
    expect(messages(PARK_REQUESTS.dismissProspect, { reason: '已落地', by: 'x' })).toEqual(['不支持的字段：by']);
  });

  it('the prospect list takes its statuses only', () => {
    const prospects = z.object(PARK_QUERIES.prospects).strict();
    expect(prospects.safeParse({ status: 'won' }).error!.issues[0]!.message).toBe('须为 new（待处理）/ lead（已转线索）/ dismissed（已忽略）');
    expect(prospects.parse({ status: 'new', batch: 'b1' })).toEqual({ status: 'new', batch: 'b1', page: 1, pageSize: 20 });
  });
});
