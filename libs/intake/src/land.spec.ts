import fc from 'fast-check';
import { MAX_LAND_MU, parseLandMu } from './land.js';

describe('parseLandMu', () => {
  it.each([
    ['50', 50],
    ['50亩', 50],
    ['约 80 亩', 80],
    ['3公顷', 45],
    ['1万平方米', 15],
    ['20000平方米', 30],
    ['666.67㎡', 1],
    ['1平方公里', 1500],
    [0, 0],
    [12.345, 12.35],
  ])('reads %p as %p 亩', (input, mu) => {
    expect(parseLandMu(input)).toEqual({ ok: true, value: mu });
  });

  it.each([
    ['-1', '用地不能为负数'],
    ['abc', '用地“abc”无法识别，请填写数字，如 50 或 50亩、3.5公顷'],
    ['5英亩', '用地的单位“英亩”无法识别，应为 亩、公顷 或 平方米'],
    ['50-80亩', '用地请填写单个数值，不要填写区间'],
    ['200000', '用地超过 100000 亩，请检查单位是否填错（平方米请注明“平方米”）'],
  ])('rejects %p', (input, reason) => {
    expect(parseLandMu(input)).toEqual({ ok: false, reason });
  });

  it('agrees that 1 公顷 is 15 亩 and 666.67 平方米 is 1 亩 for any whole number of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6000 }), (n) => {
        const ha = parseLandMu(`${n}公顷`);
        return ha.ok && ha.value === n * 15;
      }),
    );
  });

  it('refuses 10^19 亩 (found by the property below: rounding turned it into NaN, which passed the upper bound)', () => {
    expect(parseLandMu(10_000_000_000_000_000_000)).toMatchObject({ ok: false });
    expect(parseLandMu('10000000000000000000')).toMatchObject({ ok: false });
  });

  it('never accepts a negative or absurd value', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.double()), (v) => {
      const r = parseLandMu(v);
      return !r.ok || (r.value >= 0 && r.value <= MAX_LAND_MU);
    }));
  });
});
