import { parseSharingPolicy, safeParseSharingPolicy } from './policy.js';
import { INDICATORS } from './types.js';
import { rawPolicy } from './__fixtures__/records.js';

const clone = (): any => structuredClone(rawPolicy);

describe('sharing policy (config/sharing-policy.json)', () => {
  it('parses the shipped city policy with every indicator', () => {
    const p = parseSharingPolicy(rawPolicy);
    expect(Object.keys(p.defaults.credit).sort()).toEqual([...INDICATORS].sort());
    expect(p.ranges.revenueShareYears).toEqual({ min: 1, max: 10 });
  });

  it('documents its choices and cites 宁德 and 昆明 practice in notes', () => {
    const notes = parseSharingPolicy(rawPolicy).notes.join('\n');
    expect(notes).toContain('宁德');
    expect(notes).toContain('昆明');
  });

  it('double-counts signing and funds in place, splits investment, output and tax 5:5, shares 30% revenue for 5 years from first tax', () => {
    const p = parseSharingPolicy(rawPolicy);
    expect(p.defaults.credit.signed_amount).toEqual({ mode: 'double' });
    expect(p.defaults.credit.funds_in_place).toEqual({ mode: 'double' });
    expect(p.defaults.credit.tax).toEqual({ mode: 'split', originBp: 5000 });
    expect(p.defaults.revenueShare).toEqual({ originBp: 3000, years: 5, startEvent: 'first_tax' });
    expect(p.defaults.creditWindow).toEqual({ years: 5, startEvent: 'construction_start' });
  });

  it('refuses a policy missing an indicator', () => {
    const raw = clone();
    delete raw.defaults.credit.tax;
    expect(() => parseSharingPolicy(raw)).toThrow();
  });

  it('refuses unknown fields so typos do not pass silently', () => {
    const raw = clone();
    raw.defaults.revenueShare.orginBp = 1;
    expect(safeParseSharingPolicy(raw).ok).toBe(false);
  });

  it('refuses defaults that its own ranges would not allow', () => {
    const raw = clone();
    raw.defaults.credit.tax = { mode: 'double' };
    raw.defaults.revenueShare.years = 20;
    const r = safeParseSharingPolicy(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.some((p) => p.startsWith('defaults.credit.tax'))).toBe(true);
      expect(r.problems.some((p) => p.startsWith('defaults.revenueShare.years'))).toBe(true);
    }
  });

  it('refuses a non-integer basis-point share', () => {
    const raw = clone();
    raw.defaults.credit.output_value.originBp = 33.3;
    expect(safeParseSharingPolicy(raw).ok).toBe(false);
  });
});
