import { carrierFit } from './listings.js';

describe('carrierFit compares a lead\'s land and space needs with a carrier by number', () => {
  const parcel = (areaMu: number, powerKva?: number) => ({ carrierKind: '地块' as const, areaMu, powerKva, availability: 'available' as const });

  it('a lead needing 80 亩 does not get a 30 亩 parcel, and does get a 120 亩 one', () => {
    expect(carrierFit({ landMu: 80 }, parcel(30))).toMatchObject({ fits: false, measured: true, reasons: ['线索需用地 80 亩，地块仅 30 亩'] });
    expect(carrierFit({ landMu: 80 }, parcel(120))).toMatchObject({ fits: true, reasons: ['地块 120 亩，满足用地 80 亩'] });
  });

  it('a lead needing land is not offered a standard factory; one needing floor space is, when it is large enough', () => {
    const factory = { carrierKind: '标准厂房' as const, areaM2: 20000, availability: 'partial' as const };
    expect(carrierFit({ landMu: 80 }, factory).fits).toBe(false);
    expect(carrierFit({ floorAreaM2: 15000 }, factory)).toMatchObject({ fits: true, reasons: ['标准厂房 20000 平方米，满足面积 15000 平方米'] });
    expect(carrierFit({ floorAreaM2: 25000 }, factory).fits).toBe(false);
    expect(carrierFit({ floorAreaM2: 15000 }, parcel(100)).fits).toBe(false);
    expect(carrierFit({ landMu: 80, floorAreaM2: 50000 }, parcel(100)).fits).toBe(true);
  });

  it('power below the need excludes; power not stated is a note to check, not an exclusion', () => {
    expect(carrierFit({ landMu: 80, powerKva: 5000 }, parcel(100, 3000)).fits).toBe(false);
    expect(carrierFit({ landMu: 80, powerKva: 5000 }, parcel(100, 8000)).fits).toBe(true);
    expect(carrierFit({ powerKva: 5000 }, parcel(100))).toMatchObject({ fits: true, measured: true });
  });

  it('a full carrier fits no one; a lead with no stated need is not measured', () => {
    expect(carrierFit({}, { ...parcel(100), availability: 'occupied' }).fits).toBe(false);
    expect(carrierFit({}, parcel(100))).toEqual({ fits: true, measured: false, reasons: [] });
  });
});
