import { chinaDayRange, chinaMonth, chinaMonthRange } from './china-month.js';
import { chinaDate } from './work-log.js';

describe('Shanghai months', () => {
  it('an instant late on the last UTC day of a month already belongs to the next Shanghai month', () => {
    expect(chinaMonth(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11');
    expect(chinaMonth(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
  });

  it('a month spans from its first Shanghai midnight to the next one, December into January', () => {
    expect(chinaMonthRange('2026-12')).toEqual({ from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
  });

  it('a day spans from its Shanghai midnight (16:00 UTC the day before) to the next one', () => {
    const { from, to } = chinaDayRange('2026-11-20');
    expect([from, to]).toEqual([new Date('2026-11-19T16:00:00Z'), new Date('2026-11-20T16:00:00Z')]);
    const inside = (at: string) => new Date(at) >= from && new Date(at) < to;
    expect(inside('2026-11-20T00:00:00+08:00')).toBe(true);
    expect(inside('2026-11-20T07:30:00+08:00')).toBe(true); // 23:30 UTC the day before
    expect(inside('2026-11-20T23:59:59+08:00')).toBe(true);
    expect(inside('2026-11-19T23:59:59+08:00')).toBe(false);
    expect(inside('2026-11-21T00:00:00+08:00')).toBe(false);
    expect(chinaDate(from)).toBe('2026-11-20');
    expect(chinaDate(new Date(to.getTime() - 1))).toBe('2026-11-20');
  });

  it('days cross month and year ends, and a day that does not exist is refused', () => {
    expect(chinaDayRange('2027-01-01').from).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(chinaDayRange('2028-02-29').to).toEqual(new Date('2028-02-29T16:00:00Z'));
    expect(() => chinaDayRange('2026-02-30')).toThrow();
    expect(() => chinaDayRange('2026-11-20T08:00')).toThrow();
  });
});
