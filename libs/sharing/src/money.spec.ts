import fc from 'fast-check';
import { allocate, formatWan, splitAmount, wanToYuan } from './money.js';

describe('integer money', () => {
  it('splits 1 元 at 5:5 to the receiving board (largest remainder, ties to the receiver)', () => {
    expect(splitAmount(1, 5000, 5000)).toEqual({ origin: 0, receiver: 1 });
    expect(splitAmount(3, 3333, 6667)).toEqual({ origin: 1, receiver: 2 });
  });

  it('keeps exact arithmetic on 100 亿元 projects', () => {
    expect(splitAmount(10_000_000_000_001, 3333, 6667)).toEqual({ origin: 3_333_000_000_000, receiver: 6_667_000_000_001 });
  });

  it('converts 万元 and 元 exactly', () => {
    expect(wanToYuan('1.2345')).toBe(12345);
    expect(wanToYuan(3)).toBe(30000);
    expect(formatWan(12345)).toBe('1.2345');
    expect(formatWan(10000)).toBe('1');
    expect(() => wanToYuan('1.23456')).toThrow('最多 4 位小数');
  });

  it('largest remainder: parts add up, and each is within 1 of its exact share', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.array(fc.bigInt({ min: 0n, max: 10000n }), { minLength: 1, maxLength: 6 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0n));
        const parts = allocate(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0n);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        parts.forEach((p, i) => {
          const exactFloor = (total * weights[i]!) / sum;
          expect(p === exactFloor || p === exactFloor + 1n).toBe(true);
        });
      }),
    );
  });

  it('round-trips 万元 text', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (yuan) => expect(wanToYuan(formatWan(yuan))).toBe(yuan)));
  });
});
