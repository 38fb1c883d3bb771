import { chinaMonth, chinaMonthRange } from './china-month.js';

describe('Shanghai months', () => {
  it('an instant late on the last UTC day of a month already belongs to the next Shanghai month', () => {
    expect(chinaMonth(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11');
    expect(chinaMonth(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
  });

  it('a month spans from its first Shanghai midnight to the next one, December into January', () => {
    expect(chinaMonthRange('2026-12')).toEqual({ from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
  });
});
