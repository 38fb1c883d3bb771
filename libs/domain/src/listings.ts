/**
 * Park listings (招商资源): what a park puts on offer city-wide, matched against leads by the same engine.
 * A listing is a 应用场景 (场景招商), a 基金 (资本招商) or a 载体 (平台招商 / 特色载体空间).
 */
export const LISTING_KINDS = ['scenario', 'fund', 'carrier'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];
export const LISTING_KIND_NAMES: Record<ListingKind, string> = { scenario: '应用场景', fund: '基金', carrier: '载体' };

export const LISTING_STATUSES = ['open', 'closed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** A prospect (a company of an uploaded list) is waiting, was turned into a lead, or was dismissed. */
export const PROSPECT_STATUSES = ['new', 'lead', 'dismissed'] as const;

export const CARRIER_KINDS = ['标准厂房', '孵化器', '实验室', '地块'] as const;
export type CarrierKind = (typeof CARRIER_KINDS)[number];

/** 载体 occupancy, for the statistics (carriers by occupancy) and for fit: a full carrier fits no one. */
export const CARRIER_AVAILABILITY = ['available', 'partial', 'occupied'] as const;
export type CarrierAvailability = (typeof CARRIER_AVAILABILITY)[number];
export const CARRIER_AVAILABILITY_NAMES: Record<CarrierAvailability, string> = { available: '可租售', partial: '部分可用', occupied: '已满' };

export const FUND_STAGES = ['天使期', '初创期', '成长期', '成熟期', '并购'] as const;

/** Engine score from which a listing counts as fitting a lead (lower than the sharing threshold: a listing is a hint, not an offer). */
export const LISTING_FIT_MIN_SCORE = 0.2;

/** What a lead needs (its 用地 field, else what its text states; libs/intake extractSpaceNeeds). */
export interface LeadNeeds {
  landMu?: number;
  floorAreaM2?: number;
  powerKva?: number;
}

export interface CarrierFacts {
  carrierKind: CarrierKind;
  /** Area in 亩 (parcels) or 平方米 (buildings), as published. */
  areaMu?: number | null;
  areaM2?: number | null;
  powerKva?: number | null;
  availability: CarrierAvailability;
}

export interface CarrierFit {
  fits: boolean;
  /** Whether the lead stated a need this carrier was measured against. */
  measured: boolean;
  reasons: string[];
}

const SQM_PER_MU = 10_000 / 15;

/**
 * Numbers first: a lead needing 80 亩 does not get a 30 亩 parcel. A lead needing land (it builds) gets parcels, measured
 * in 亩; one needing only floor space (it rents) gets buildings, measured in 平方米; power below the need excludes.
 */
export function carrierFit(need: LeadNeeds, c: CarrierFacts): CarrierFit {
  const reasons: string[] = [];
  if (c.availability === 'occupied') return { fits: false, measured: false, reasons: ['载体已满'] };
  const parcel = c.carrierKind === '地块';
  const areaMu = c.areaMu ?? (c.areaM2 != null ? c.areaM2 / SQM_PER_MU : undefined);
  const areaM2 = c.areaM2 ?? (c.areaMu != null ? c.areaMu * SQM_PER_MU : undefined);
  let fits = true;
  let measured = false;
  const needsLand = need.landMu !== undefined && need.landMu > 0;
  if (needsLand) {
    measured = true;
    if (!parcel) {
      fits = false;
      reasons.push(`线索需用地 ${need.landMu} 亩，${c.carrierKind}不提供土地`);
    } else if (areaMu === undefined || areaMu + 1e-9 < need.landMu!) {
      fits = false;
      reasons.push(`线索需用地 ${need.landMu} 亩，地块仅 ${areaMu === undefined ? '未标明面积' : `${fmt(areaMu)} 亩`}`);
    } else reasons.push(`地块 ${fmt(areaMu)} 亩，满足用地 ${need.landMu} 亩`);
  } else if (need.floorAreaM2 !== undefined) {
    measured = true;
    if (parcel) {
      fits = false;
      reasons.push(`线索需房屋面积 ${need.floorAreaM2} 平方米，地块不提供现成房屋`);
    } else if (areaM2 === undefined || areaM2 + 1e-9 < need.floorAreaM2) {
      fits = false;
      reasons.push(`线索需面积 ${need.floorAreaM2} 平方米，${c.carrierKind}仅 ${areaM2 === undefined ? '未标明面积' : `${fmt(areaM2)} 平方米`}`);
    } else reasons.push(`${c.carrierKind} ${fmt(areaM2)} 平方米，满足面积 ${need.floorAreaM2} 平方米`);
  }
  if (need.powerKva !== undefined) {
    measured = true;
    if (c.powerKva == null) reasons.push(`线索需用电 ${need.powerKva} kVA，载体未标明供电容量，请向园区核实`);
    else if (c.powerKva < need.powerKva) {
      fits = false;
      reasons.push(`线索需用电 ${need.powerKva} kVA，载体供电仅 ${c.powerKva} kVA`);
    } else reasons.push(`供电 ${c.powerKva} kVA，满足用电 ${need.powerKva} kVA`);
  }
  return { fits, measured, reasons };
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}
