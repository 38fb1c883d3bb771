import fc from 'fast-check';
import { addDays } from './dates.js';
import { revenueShareSchedule } from './schedule.js';
import { START_EVENTS, type RevenueShare } from './types.js';
import { approved, effective } from './__fixtures__/records.js';

describe('revenue-share schedule', () => {
  it('lists the default 5 years from the first tax, 30% each year', () => {
    const s = revenueShareSchedule(effective(), { startOn: '2026-07-01' });
    expect(s.status).toBe('scheduled');
    expect(s.years.map((y) => [y.yearIndex, y.from, y.to, y.originBp])).toEqual([
      [1, '2026-07-01', '2027-06-30', 3000],
      [2, '2027-07-01', '2028-06-30', 3000],
      [3, '2028-07-01', '2029-06-30', 3000],
      [4, '2029-07-01', '2030-06-30', 3000],
      [5, '2030-07-01', '2031-06-30', 3000],
    ]);
    expect(s.note).toContain('2031-06-30');
  });

  it('keeps the years but leaves dates open while the start event has not happened', () => {
    const s = revenueShareSchedule(approved());
    expect(s.status).toBe('pending_start');
    expect(s.years).toHaveLength(5);
    expect(s.years.every((y) => y.from === null && y.to === null)).toBe(true);
    expect(s.note).toContain('尚未发生「首次纳税」');
  });

  it('starts from the signing date when the share counts from signing', () => {
    const share: RevenueShare = { originBp: 2000, years: 2, startEvent: 'signing' };
    const record = { ...effective('r', '2025-04-01'), terms: { ...effective().terms, revenueShare: share } };
    expect(revenueShareSchedule(record).years[0]!.from).toBe('2025-04-01');
  });

  it('handles a 29 February start without losing a day', () => {
    const s = revenueShareSchedule({ originBp: 5000, years: 2, startEvent: 'first_tax' }, { startOn: '2028-02-29' });
    expect(s.years.map((y) => [y.from, y.to])).toEqual([
      ['2028-02-29', '2029-02-27'],
      ['2029-02-28', '2030-02-27'],
    ]);
  });

  it('splits forecast revenue exactly, ties to the receiving board, and leaves unforecast years empty', () => {
    const s = revenueShareSchedule({ originBp: 5000, years: 3, startEvent: 'first_tax' }, { startOn: '2026-01-01', yearlyRevenue: [1_000_001, 2_000_000] });
    expect(s.years.map((y) => [y.revenue, y.originAmount, y.receiverAmount])).toEqual([
      [1_000_001, 500_000, 500_001],
      [2_000_000, 1_000_000, 1_000_000],
      [null, null, null],
    ]);
    expect(s.totalOriginAmount + s.totalReceiverAmount).toBe(s.totalRevenue);
  });

  it('refuses a malformed start date or a negative forecast', () => {
    expect(() => revenueShareSchedule(approved(), { startOn: '2026/01/01' })).toThrow('起算日期格式无效');
    expect(() => revenueShareSchedule(approved(), { startOn: '2026-01-01', yearlyRevenue: [-1] })).toThrow('非负整数');
  });
});

describe('revenue-share schedule (properties)', () => {
  const dateArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const shareArb = fc.record({ originBp: fc.integer({ min: 0, max: 10000 }), years: fc.integer({ min: 1, max: 10 }), startEvent: fc.constantFrom(...START_EVENTS) });

  it('has exactly N contiguous years, each about one calendar year long', () => {
    fc.assert(
      fc.property(shareArb, dateArb, (share, startOn) => {
        const s = revenueShareSchedule(share, { startOn });
        expect(s.years).toHaveLength(share.years);
        expect(s.years[0]!.from).toBe(startOn);
        s.years.forEach((y, k) => {
          expect(y.yearIndex).toBe(k + 1);
          expect(y.from! <= y.to!).toBe(true);
          const days = (Date.parse(y.to!) - Date.parse(y.from!)) / 86_400_000 + 1;
          expect(days).toBeGreaterThanOrEqual(364);
          expect(days).toBeLessThanOrEqual(367);
          if (k > 0) expect(y.from).toBe(addDays(s.years[k - 1]!.to!, 1));
        });
      }),
    );
  });

  it('never loses or invents revenue when splitting', () => {
    fc.assert(
      fc.property(shareArb, fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 12 }), (share, revenue) => {
        const s = revenueShareSchedule(share, { startOn: '2030-01-01', yearlyRevenue: revenue });
        for (const y of s.years) if (y.revenue !== null) expect(y.originAmount! + y.receiverAmount!).toBe(y.revenue);
        expect(s.totalOriginAmount + s.totalReceiverAmount).toBe(s.totalRevenue);
      }),
    );
  });
});
