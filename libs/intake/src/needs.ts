import { round } from './result.js';
import { foldWidth, stripControlChars } from './text.js';
import { SQUARE_METRES_PER_MU } from './land.js';

/**
 * Land and space needs a lead's text states (用地 / 厂房面积 / 用电), so carriers (载体) can be compared with
 * numbers and not only with words. Reads the first figure after a cue word:
 *
 * | text | result |
 * |---|---|
 * | `用地80亩`, `需用地约80亩`, `拟供地 5.3 公顷` | landMu 80 / 79.5 |
 * | `租赁标准厂房2万平方米`, `建筑面积 12000㎡`, `实验室面积800平米` | floorAreaM2 20000 / 12000 / 800 |
 * | `用电负荷5000kVA`, `用电容量 8 MVA`, `供电 6000千伏安` | powerKva 5000 / 8000 / 6000 |
 * | `洁净车间 ISO 5`, `万级洁净` | cleanRoom "ISO 5" / "万级" (kept as written) |
 *
 * A need that is not stated is left out; ranges (50-80亩) take their upper end, the need a carrier must meet.
 */
export interface SpaceNeeds {
  landMu?: number;
  floorAreaM2?: number;
  powerKva?: number;
  cleanRoom?: string;
}

const NUM = String.raw`(\d+(?:\.\d+)?)(?:\s*(?:[-~～至到—]|－)\s*(\d+(?:\.\d+)?))?\s*(万)?\s*`;
const LAND = new RegExp(String.raw`(?:用地|土地|供地|地块|拿地|占地)[^0-9。；;，,]{0,8}?` + NUM + String.raw`(亩|公顷|ha|平方米|平米|㎡|m2|平方公里)`, 'i');
const AREA = new RegExp(String.raw`(?:厂房|建筑面积|面积|车间|实验室|办公|楼宇|空间|仓库)[^0-9。；;，,]{0,8}?` + NUM + String.raw`(平方米|平米|㎡|m2|亩)`, 'i');
const POWER = new RegExp(String.raw`(?:用电|电力|供电|电容量|负荷|变压器|配电)[^0-9。；;，,]{0,8}?` + NUM + String.raw`(kva|mva|千伏安|兆伏安|kw|mw|千瓦|兆瓦)`, 'i');
const CLEAN = /(ISO\s*[1-9]\b|(?:百|千|万|十万)级)(?=[^。；;]{0,6}?洁净)|洁净[^。；;，,]{0,6}?(ISO\s*[1-9]\b|(?:百|千|万|十万)级)/i;

function figure(m: RegExpExecArray): number {
  const v = Number(m[2] ?? m[1]);
  return m[3] ? v * 10_000 : v;
}

export function extractSpaceNeeds(text: string): SpaceNeeds {
  const s = foldWidth(stripControlChars(text ?? '')).replace(/(?<=\d),(?=\d{3})/g, '');
  const out: SpaceNeeds = {};
  const land = LAND.exec(s);
  if (land) {
    const unit = land[4]!.toLowerCase();
    const v = figure(land);
    const factor = unit === '亩' ? 1 : unit === '公顷' || unit === 'ha' ? 15 : unit === '平方公里' ? 1500 : 1 / SQUARE_METRES_PER_MU;
    out.landMu = round(v * factor, 2);
  }
  const area = AREA.exec(s);
  if (area && area[4] !== '亩') out.floorAreaM2 = round(figure(area), 0);
  const power = POWER.exec(s);
  if (power) {
    const unit = power[4]!.toLowerCase();
    // kW is read as kVA (power factor ≈ 1 is the planner's usual shorthand)
    out.powerKva = round(figure(power) * (unit === 'mva' || unit === '兆伏安' || unit === 'mw' || unit === '兆瓦' ? 1000 : 1), 0);
  }
  const clean = CLEAN.exec(s);
  if (clean) out.cleanRoom = (clean[1] ?? clean[2])!.replace(/\s+/g, ' ').toUpperCase();
  return out;
}
