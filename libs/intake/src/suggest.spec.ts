import { suggestFields } from './suggest.js';

describe('suggestFields: 投资额 and 用地 a description states', () => {
  it.each([
    ['项目总投资1.2亿元，建设碳化硅产线', { value: 1.2, unit: '亿元' }],
    ['计划投资 12,000 万元，一期建设厂房', { value: 12000, unit: '万元' }],
    ['拟投资约5亿，建设研发中心', { value: 5, unit: '亿元', approximate: true }],
    ['总投资１２亿元', { value: 12, unit: '亿元' }],
    ['投资额800万美元', { value: 800, unit: '万美元' }],
    ['The company plans to invest USD 50 million in a GaN fab', { value: 5000, unit: '万美元' }],
    ['Total investment of RMB 1.2 billion for a battery plant', { value: 12, unit: '亿元' }],
    ['We will invest 30 million US dollars', { value: 3000, unit: '万美元' }],
  ])('reads the amount in %s', (text, amount) => {
    expect(suggestFields(text).amount).toMatchObject(amount);
  });

  it.each([
    ['用地80亩，建设标准厂房', 80],
    ['拟供地 5.3 公顷', 79.5],
    ['一期需要 120 亩工业用地', 120],
    ['A plant on 5.3 hectares near the port', 79.5],
    ['needs 80 mu of industrial land', 80],
  ])('reads the land in %s', (text, mu) => {
    expect(suggestFields(text).landMu?.value).toBe(mu);
  });

  it('keeps the words it read, so the form can show where the value came from', () => {
    const s = suggestFields('新建SiC产线，项目总投资12亿元，用地80亩。');
    expect(s.amount).toMatchObject({ value: 12, unit: '亿元' });
    expect(s.amount!.source).toContain('12亿元');
    expect(s.landMu).toEqual({ value: 80, source: expect.stringContaining('80亩') });
  });

  it.each([['年产值50亿元，税收2亿元'], ['亩均税收50万元'], ['annual revenue of USD 50 million'], ['碳化硅功率器件项目'], ['']])(
    'offers nothing it cannot read as an investment or a land need: %s',
    (text) => {
      expect(suggestFields(text)).toEqual({});
    },
  );

  it('refuses an implausible figure as the form field would (over 10000 亿元)', () => {
    expect(suggestFields('总投资 20000 亿元').amount).toBeUndefined();
  });
});
