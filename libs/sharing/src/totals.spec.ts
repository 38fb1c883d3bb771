import fc from 'fast-check';
import { validateTerms } from './terms.js';
import { computeSharingTotals, reconcileTotals, type SharingTotals, type TotalsItem } from './totals.js';
import { FULL_BP, INDICATORS, type CreditMode, type Indicator, type SharingRecord } from './types.js';
import { approved, effective, policy, proposed, terms } from './__fixtures__/records.js';

const period = { from: '2025-01-01', to: '2025-12-31' };

function withParties(r: SharingRecord, id: string, origin: string, receiving: string, park = `${receiving}-park`): SharingRecord {
  return { ...r, id, lineageId: id, originBoardId: origin, receivingBoardId: receiving, receivingParkId: park };
}

function ok(items: TotalsItem[], p = period): SharingTotals {
  const r = computeSharingTotals(items, p);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

const board = (t: SharingTotals, boardId: string, indicator: Indicator) => t.boards.find((b) => b.boardId === boardId && b.indicator === indicator)!;
const city = (t: SharingTotals, indicator: Indicator) => t.city.find((c) => c.indicator === indicator)!;

describe('totals per board and indicator (golden scenario)', () => {
  // 海安 → 如东 with the defaults; 启东 → 海安 with a negotiated 6:4 tax split.
  const r1 = effective('r1');
  const negotiated = validateTerms({ ...terms(), credit: { ...terms().credit, tax: { mode: 'split', originBp: 6000, receiverBp: 4000 } }, agreementRef: '协议-7' }, policy);
  if (!negotiated.ok) throw new Error();
  const r2 = { ...withParties(effective('r2'), 'r2', 'qidong', 'haian', 'haian-dz'), terms: negotiated.value };
  const items: TotalsItem[] = [
    { record: r1, values: { signed_amount: 500_000_000, funds_in_place: 100_000_001, fixed_asset_investment: 30_000_001, tax: 1_000_001 } },
    { record: r2, values: { signed_amount: 200_000_000, tax: 1_000_000 } },
  ];
  const t = ok(items);

  it('credits double-counted indicators in full to both boards, shown apart from split credit', () => {
    expect(board(t, 'haian', 'signed_amount')).toMatchObject({ doubleCredit: 700_000_000, splitCredit: 0, total: 700_000_000, recordCount: 2 });
    expect(board(t, 'rudong', 'signed_amount')).toMatchObject({ doubleCredit: 500_000_000, splitCredit: 0 });
    expect(board(t, 'qidong', 'signed_amount')).toMatchObject({ doubleCredit: 200_000_000 });
  });

  it('splits by share with the odd 元 going to the receiving board', () => {
    expect(board(t, 'haian', 'fixed_asset_investment').splitCredit).toBe(15_000_000);
    expect(board(t, 'rudong', 'fixed_asset_investment').splitCredit).toBe(15_000_001);
    expect(board(t, 'haian', 'tax')).toMatchObject({ doubleCredit: 0, splitCredit: 500_000 + 400_000 });
    expect(board(t, 'rudong', 'tax').splitCredit).toBe(500_001);
    expect(board(t, 'qidong', 'tax').splitCredit).toBe(600_000);
  });

  it('counts every project once in the city total', () => {
    expect(city(t, 'signed_amount')).toEqual({ indicator: 'signed_amount', projectValue: 700_000_000, doubleValue: 700_000_000, splitValue: 0, boardCreditSum: 1_400_000_000 });
    expect(city(t, 'tax')).toEqual({ indicator: 'tax', projectValue: 2_000_001, doubleValue: 0, splitValue: 2_000_001, boardCreditSum: 2_000_001 });
  });

  it('reconciles', () => {
    expect(reconcileTotals(t, items)).toEqual({ ok: true, problems: [] });
  });

  it('detects a tampered total', () => {
    const tampered = { ...t, boards: t.boards.map((b, k) => (k === 0 ? { ...b, splitCredit: b.splitCredit + 1, total: b.total + 1 } : b)) };
    const r = reconcileTotals(tampered, items);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toContain('合计与记录明细之和不符');
  });

  it('detects a record left out without a reason', () => {
    const r = reconcileTotals(t, [...items, { record: withParties(effective('r3'), 'r3', 'haimen', 'tongzhou'), values: { tax: 5 } }]);
    expect(r.ok).toBe(false);
  });
});

describe('which records count', () => {
  it('leaves out records not yet effective, saying why', () => {
    const t = ok([
      { record: approved('a'), values: { tax: 100 } },
      { record: proposed('p'), values: { tax: 100 } },
    ]);
    expect(t.lines).toEqual([]);
    expect(t.excluded.map((e) => e.reason)).toEqual(['not_effective', 'not_effective']);
  });

  it('leaves out a record signed after the period', () => {
    const t = ok([{ record: effective('late', '2026-02-01'), values: { tax: 100 } }]);
    expect(t.countedRecordIds).toEqual([]);
  });

  it('counts only the version in force at the period end', () => {
    const v1 = effective('v1');
    const v2 = { ...v1, id: 'v2', version: 2, supersedes: 'v1', decision: { ...v1.decision!, at: '2025-08-01T00:00:00.000Z' } };
    const t = ok([
      { record: v1, values: { tax: 100 } },
      { record: v2, values: { tax: 100 } },
    ]);
    expect(t.countedRecordIds).toEqual(['v2']);
    expect(t.excluded).toEqual([expect.objectContaining({ recordId: 'v1', reason: 'not_in_force' })]);
    expect(ok([{ record: v1, values: { tax: 1 } }, { record: v2, values: { tax: 1 } }], { from: '2025-01-01', to: '2025-06-30' }).countedRecordIds).toEqual(['v1']);
  });

  it('stops shared credit once the credit window (5 years from construction start) has ended', () => {
    const t = ok([{ record: effective(), values: { tax: 100 }, creditStartOn: '2019-06-01' }], { from: '2025-01-01', to: '2025-12-31' });
    expect(t.excluded[0]).toMatchObject({ reason: 'credit_window_ended' });
    const still = ok([{ record: effective(), values: { tax: 100 }, creditStartOn: '2020-06-01' }]);
    expect(still.countedRecordIds).toHaveLength(1);
  });

  it('rejects fractional, negative or unknown values instead of guessing', () => {
    const r = computeSharingTotals([{ record: effective(), values: { tax: 1.5, output_value: -1, foo: 1 } as never }], period);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT']);
    expect(computeSharingTotals([], { from: '2025-12-31', to: '2025-01-01' }).ok).toBe(false);
  });
});

describe('totals (properties)', () => {
  const boards = ['haian', 'rugao', 'rudong', 'qidong', 'haimen', 'netda', 'cxq'];
  const creditArb: fc.Arbitrary<CreditMode> = fc.oneof(
    fc.constant<CreditMode>({ mode: 'double' }),
    fc.integer({ min: 0, max: FULL_BP }).map((o): CreditMode => ({ mode: 'split', originBp: o, receiverBp: FULL_BP - o })),
  );
  const itemArb = fc
    .record({
      pair: fc.uniqueArray(fc.constantFrom(...boards), { minLength: 2, maxLength: 2 }),
      credit: fc.record(Object.fromEntries(INDICATORS.map((i) => [i, creditArb])) as Record<Indicator, fc.Arbitrary<CreditMode>>),
      values: fc.record(Object.fromEntries(INDICATORS.map((i) => [i, fc.integer({ min: 0, max: 10 ** 12 })])) as Record<Indicator, fc.Arbitrary<number>>, {
        requiredKeys: [],
      }),
      effective: fc.boolean(),
    });
  const base = effective('base');
  const pending = approved('base');

  it('reconcile for any random set of records: split credit sums to project values, totals equal the sum over records', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 25 }), (specs) => {
        const items: TotalsItem[] = specs.map((s, k) => ({
          record: { ...withParties(s.effective ? base : pending, `r${k}`, s.pair[0]!, s.pair[1]!), terms: { ...base.terms, credit: s.credit } },
          values: s.values,
        }));
        const t = ok(items);
        expect(reconcileTotals(t, items)).toEqual({ ok: true, problems: [] });
        // Independent check: Σ boards = Σ over counted records (double counted twice, split once).
        for (const i of INDICATORS) {
          let want = 0;
          items.forEach((it) => {
            if (!t.countedRecordIds.includes(it.record.id)) return;
            const v = it.values[i] ?? 0;
            want += it.record.terms.credit[i].mode === 'double' ? 2 * v : v;
          });
          expect(t.boards.filter((b) => b.indicator === i).reduce((s, b) => s + b.total, 0)).toBe(want);
        }
        expect(t.countedRecordIds.length + t.excluded.length).toBe(items.length);
      }),
    );
  });
});
