import { z } from 'zod';
import { checkBody } from './refusal.js';
import { LISTING_QUERIES, LISTING_REQUESTS } from './listings.js';

const messages = (schema: z.ZodType, body: unknown) => {
  const r = checkBody(schema, body);
  return r.ok ? [] : r.refusals.map((x) => x.message);
};

const scenario = { kind: 'scenario', title: '港口自动化系泊应用场景', sectors: ['智能装备'], description: '开放泊位试点', pilotTerms: '免费试用 6 个月', deadline: '2030-06-30' };

describe('listing contract', () => {
  it('a scenario with a field of another kind is refused in Chinese; it needs a budget or pilot terms', () => {
    expect(messages(LISTING_REQUESTS.scenario, { ...scenario, stages: ['成长期'] })).toEqual(['不支持的字段：stages']);
    expect(messages(LISTING_REQUESTS.scenario, { ...scenario, pilotTerms: undefined })).toEqual(['budgetWan：应用场景请填写预算（budgetWan，万元）或试点条件（pilotTerms）']);
    expect(messages(LISTING_REQUESTS.scenario, { ...scenario, deadline: '2030-02-30' })[0]).toMatch(/^deadline：须为真实存在的日期/);
    expect(checkBody(LISTING_REQUESTS.scenario, scenario)).toMatchObject({ ok: true });
  });

  it('a carrier names its area in 平方米 or 亩', () => {
    const carrier = { kind: 'carrier', title: '120 亩工业地块', description: '三通一平', carrierKind: '地块', area: { value: 120, unit: '公顷' }, availability: 'available' };
    expect(messages(LISTING_REQUESTS.carrier, carrier)).toEqual(['area.unit：面积单位须为 平方米 或 亩']);
    expect(checkBody(LISTING_REQUESTS.carrier, { ...carrier, area: { value: 120, unit: '亩' } })).toMatchObject({ ok: true, data: { sectors: [] } });
  });

  it('the list takes the listing kinds only', () => {
    const list = z.object(LISTING_QUERIES.list).strict();
    expect(list.safeParse({ kind: 'loan' }).error!.issues[0]!.message).toBe('须为 scenario / fund / carrier');
  });
});
