import fc from 'fast-check';
import { MAX_AMOUNT_WAN_YUAN, moneyFromFields, parseMoney, parseMoneyUnit, toWanYuan } from './money.js';

describe('parseMoney', () => {
  it.each([
    ['5亿元', { value: 5, unit: '亿元' }],
    ['3000万元', { value: 3000, unit: '万元' }],
    ['1.2亿', { value: 1.2, unit: '亿元' }],
    ['500万美元', { value: 500, unit: '万美元' }],
    ['约10亿元', { value: 10, unit: '亿元', approximate: true }],
    ['10亿元左右', { value: 10, unit: '亿元', approximate: true }],
    ['总投资10亿元', { value: 10, unit: '亿元' }],
    ['3,000 万', { value: 3000, unit: '万元' }],
    ['５亿元', { value: 5, unit: '亿元' }],
    ['5亿人民币', { value: 5, unit: '亿元' }],
    ['2亿美元', { value: 20000, unit: '万美元' }],
    ['$500万', { value: 500, unit: '万美元' }],
    ['50000000元', { value: 5000, unit: '万元' }],
    ['800万美金', { value: 800, unit: '万美元' }],
  ])('reads %s', (input, money) => {
    expect(parseMoney(input)).toEqual({ ok: true, value: money });
  });

  it.each([
    ['-5亿元', '投资额不能为负数'],
    ['0万元', '投资额应大于 0；如暂不清楚请留空'],
    ['5-10亿元', '投资额请填写单个数值，不要填写区间（如 5-10亿元）'],
    ['五亿元', '投资额“五亿元”无法识别，请填写阿拉伯数字加单位，如 5亿元、3000万元、500万美元'],
    ['3000', '投资额缺少单位，请注明 万元、亿元 或 万美元'],
    ['5亿欧元', '投资额的单位“亿欧元”无法识别，请填写阿拉伯数字加单位，如 5亿元、3000万元、500万美元'],
    ['20000亿元', '投资额超过 10000 亿元，请检查单位是否填错（例如把“万元”填成了“元”或多写了“万”）'],
    ['', '投资额为空'],
  ])('rejects %s with a reason', (input, reason) => {
    expect(parseMoney(input)).toEqual({ ok: false, reason });
  });

  it('applies the default unit to a bare number', () => {
    expect(parseMoney('3000', { defaultUnit: '万元' })).toEqual({ ok: true, value: { value: 3000, unit: '万元' } });
    expect(parseMoney(3000, { defaultUnit: '万元' })).toEqual({ ok: true, value: { value: 3000, unit: '万元' } });
  });

  it('judges 万美元 amounts as absurd with the given rate', () => {
    expect(parseMoney('14000000万美元', { usdToCny: 7 }).ok).toBe(true);
    expect(parseMoney('15000000万美元', { usdToCny: 7 }).ok).toBe(false);
  });

  it('never throws and never accepts a negative or absurd amount, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseMoney(s);
        return !r.ok || (r.value.value > 0 && toWanYuan(r.value, { usdToCny: 7 }) <= MAX_AMOUNT_WAN_YUAN);
      }),
    );
  });

  it('reads back any amount it formats as number + unit', () => {
    const unit = fc.constantFrom('万元' as const, '亿元' as const, '万美元' as const);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), unit, (n, u) => {
        const r = parseMoney(`${n}${u}`);
        return r.ok && r.value.value === n && r.value.unit === u;
      }),
    );
  });
});

describe('moneyFromFields', () => {
  it('takes a value and a unit field', () => {
    expect(moneyFromFields('1.5', '亿')).toEqual({ ok: true, value: { value: 1.5, unit: '亿元' } });
    expect(moneyFromFields(500, '万美元')).toEqual({ ok: true, value: { value: 500, unit: '万美元' } });
  });

  it('lets the value carry the unit when the unit field is empty', () => {
    expect(moneyFromFields('5亿元', '')).toEqual({ ok: true, value: { value: 5, unit: '亿元' } });
  });

  it('asks rather than guesses when the value and the unit field disagree', () => {
    expect(moneyFromFields('5亿元', '万元')).toEqual({ ok: false, reason: '投资额“5亿元”与单位“万元”不一致，请只在一处填写单位' });
  });

  it('rejects an unknown unit, naming the field given in the options', () => {
    expect(moneyFromFields('5', '欧元', { label: '注册资本' })).toEqual({ ok: false, reason: '注册资本单位“欧元”无效，应为 万元、亿元 或 万美元' });
  });
});

describe('parseMoneyUnit', () => {
  it.each([
    ['万元', '万元'],
    ['万', '万元'],
    ['亿', '亿元'],
    ['万美金', '万美元'],
    ['元', undefined],
  ])('%s → %s', (s, unit) => expect(parseMoneyUnit(s)).toBe(unit));
});

describe('toWanYuan', () => {
  it('converts to 万元 with the configured rate, rounded to 2 decimals', () => {
    expect(toWanYuan({ value: 5, unit: '亿元' }, { usdToCny: 7.1 })).toBe(50000);
    expect(toWanYuan({ value: 500, unit: '万美元' }, { usdToCny: 7.1234 })).toBe(3561.7);
    expect(toWanYuan({ value: 1.005, unit: '万元' }, { usdToCny: 7 })).toBe(1.01);
  });

  it('refuses a missing or nonsensical rate (a configuration error, not user input)', () => {
    expect(() => toWanYuan({ value: 1, unit: '万美元' }, { usdToCny: 0 })).toThrow(RangeError);
    expect(() => toWanYuan({ value: 1, unit: '万美元' }, { usdToCny: Number.NaN })).toThrow(RangeError);
  });
});
