import fc from 'fast-check';
import { checkTermsShape, defaultTerms, validateTerms, type NegotiatedTermsInput } from './terms.js';
import { FULL_BP, INDICATORS, START_EVENTS, type CreditMode, type Indicator } from './types.js';
import { policy } from './__fixtures__/records.js';

const negotiated = (patch: Partial<NegotiatedTermsInput> = {}): NegotiatedTermsInput => ({
  credit: {
    signed_amount: { mode: 'double' },
    funds_in_place: { mode: 'split', originBp: 6000, receiverBp: 4000 },
    fixed_asset_investment: { mode: 'split', originBp: 4000, receiverBp: 6000 },
    output_value: { mode: 'double' },
    tax: { mode: 'split', originBp: 3000, receiverBp: 7000 },
  },
  creditWindow: { years: 3, startEvent: 'signing' },
  revenueShare: { originBp: 2000, years: 8, startEvent: 'construction_start' },
  agreementRef: '通东合〔2025〕3号',
  ...patch,
});

const withCredit = (i: Indicator, c: CreditMode) => negotiated({ credit: { ...negotiated().credit, [i]: c } });

describe('default terms', () => {
  it('builds the policy defaults for a pair of different boards', () => {
    const r = defaultTerms(policy, 'haian', 'rudong');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.source).toBe('policy');
    expect(r.value.policyVersion).toBe(policy.policyVersion);
    expect(r.value.credit.tax).toEqual({ mode: 'split', originBp: 5000, receiverBp: 5000 });
    expect(r.value.credit.signed_amount).toEqual({ mode: 'double' });
    expect(r.value.agreementRef).toBeNull();
  });

  it('refuses the same board on both sides, naming the board', () => {
    const r = defaultTerms(policy, 'haian', 'haian', (id) => (id === 'haian' ? '海安市' : id));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.code).toBe('SAME_BOARD');
    expect(r.errors[0]!.message).toContain('海安市');
  });

  it('returns frozen terms that cannot be altered after validation', () => {
    const r = defaultTerms(policy, 'haian', 'rudong');
    if (!r.ok) throw new Error();
    expect(Object.isFrozen(r.value)).toBe(true);
    expect(Object.isFrozen(r.value.credit)).toBe(true);
  });
});

describe('negotiated terms', () => {
  it('accepts an agreement within the policy ranges', () => {
    const r = validateTerms(negotiated(), policy, { originBoardId: 'haian', receivingBoardId: 'rudong' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.source).toBe('negotiated');
  });

  it('rejects split shares that do not add up to 100%, naming the indicator in Chinese', () => {
    const r = validateTerms(withCredit('tax', { mode: 'split', originBp: 4900, receiverBp: 5000 }), policy);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'SPLIT_SUM_NOT_FULL', indicator: 'tax' });
    expect(r.errors[0]!.message).toContain('「税收」');
    expect(r.errors[0]!.message).toContain('9900');
  });

  it('rejects fractional basis points', () => {
    const r = validateTerms(withCredit('output_value', { mode: 'split', originBp: 3333.5, receiverBp: 6666.5 }), policy);
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'SPLIT_NOT_INTEGER', indicator: 'output_value' });
  });

  it('rejects an origin share outside the allowed range', () => {
    const r = validateTerms(withCredit('fixed_asset_investment', { mode: 'split', originBp: 9500, receiverBp: 500 }), policy);
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'SPLIT_OUT_OF_RANGE', indicator: 'fixed_asset_investment' });
    expect(!r.ok && r.errors[0]!.message).toContain('10%–90%');
  });

  it('refuses double counting of tax because the policy allows only a split', () => {
    const r = validateTerms(withCredit('tax', { mode: 'double' }), policy);
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'MODE_NOT_ALLOWED', indicator: 'tax' });
    expect(!r.ok && r.errors[0]!.message).toContain('请改为分算');
  });

  it('keeps revenue share years within 1–10', () => {
    const r = validateTerms(negotiated({ revenueShare: { originBp: 2000, years: 11, startEvent: 'first_tax' } }), policy);
    expect(!r.ok && r.errors[0]!.code).toBe('REVENUE_YEARS_OUT_OF_RANGE');
  });

  it('keeps the revenue share at most 50% to the origin board', () => {
    const r = validateTerms(negotiated({ revenueShare: { originBp: 6000, years: 5, startEvent: 'first_tax' } }), policy);
    expect(!r.ok && r.errors[0]!.code).toBe('REVENUE_SHARE_OUT_OF_RANGE');
  });

  it('requires the agreement reference', () => {
    const r = validateTerms(negotiated({ agreementRef: '  ' }), policy);
    expect(!r.ok && r.errors[0]!.code).toBe('AGREEMENT_REF_REQUIRED');
  });

  it('reports every problem at once, including the same-board refusal', () => {
    const input = negotiated({
      credit: { ...negotiated().credit, tax: { mode: 'double' }, output_value: { mode: 'split', originBp: 1, receiverBp: 1 } },
      agreementRef: '',
    });
    const r = validateTerms(input, policy, { originBoardId: 'haian', receivingBoardId: 'haian' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code).sort()).toEqual(['AGREEMENT_REF_REQUIRED', 'MODE_NOT_ALLOWED', 'SAME_BOARD', 'SPLIT_SUM_NOT_FULL'].sort());
  });

  it('does not crash on a malformed body and says which indicator is missing', () => {
    const r = validateTerms({ credit: { signed_amount: { mode: 'double' } } } as unknown as NegotiatedTermsInput, policy);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.filter((e) => e.code === 'INDICATOR_MISSING').map((e) => e.indicator)).toEqual(INDICATORS.filter((i) => i !== 'signed_amount'));
  });
});

describe('negotiated terms (properties)', () => {
  const validSplit = fc
    .integer({ min: policy.ranges.splitOriginBp.min, max: policy.ranges.splitOriginBp.max })
    .map((o): CreditMode => ({ mode: 'split', originBp: o, receiverBp: FULL_BP - o }));
  const anySplit = fc
    .record({ originBp: fc.integer({ min: -20000, max: 20000 }), receiverBp: fc.integer({ min: -20000, max: 20000 }) })
    .map((s): CreditMode => ({ mode: 'split', ...s }));
  const creditArb = (split: fc.Arbitrary<CreditMode>) =>
    fc.record(
      Object.fromEntries(INDICATORS.map((i) => [i, i === 'tax' ? split : fc.oneof(fc.constant<CreditMode>({ mode: 'double' }), split)])) as Record<
        Indicator,
        fc.Arbitrary<CreditMode>
      >,
    );
  const inputArb = (split: fc.Arbitrary<CreditMode>) =>
    fc.record({
      credit: creditArb(split),
      creditWindow: fc.record({ years: fc.integer({ min: 1, max: 10 }), startEvent: fc.constantFrom(...START_EVENTS) }),
      revenueShare: fc.record({ originBp: fc.integer({ min: 0, max: 5000 }), years: fc.integer({ min: 1, max: 10 }), startEvent: fc.constantFrom(...START_EVENTS) }),
      agreementRef: fc.constant('协议-1'),
    });

  it('split shares always sum to 10000 after any edit that validates', () => {
    fc.assert(
      fc.property(inputArb(fc.oneof(validSplit, anySplit)), (input) => {
        const r = validateTerms(input, policy);
        if (!r.ok) return;
        for (const i of INDICATORS) {
          const c = r.value.credit[i];
          if (c.mode === 'split') expect(c.originBp + c.receiverBp).toBe(FULL_BP);
        }
        expect(checkTermsShape(r.value)).toEqual([]);
      }),
    );
  });

  it('any split within range that sums to 10000 is accepted', () => {
    fc.assert(fc.property(inputArb(validSplit), (input) => expect(validateTerms(input, policy).ok).toBe(true)));
  });

  it('every split that does not sum to 10000 is rejected with its indicator named', () => {
    fc.assert(
      fc.property(inputArb(validSplit), fc.constantFrom(...INDICATORS), fc.integer({ min: 1, max: 500 }), (input, i, delta) => {
        const broken = { ...input, credit: { ...input.credit, [i]: { mode: 'split', originBp: 5000, receiverBp: 5000 - delta } } };
        const r = validateTerms(broken, policy);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors.some((e) => e.code === 'SPLIT_SUM_NOT_FULL' && e.indicator === i)).toBe(true);
      }),
    );
  });
});
