import { fail, ok, round, type Parsed } from './result.js';
import { foldWidth, stripControlChars } from './text.js';

/**
 * Land need (用地), kept in 亩.
 *
 * 1 亩 = 10000/15 m² ≈ 666.67 m², so 1 公顷 = 15 亩 exactly and 1 km² = 1500 亩. Results are rounded to
 * 2 decimals. Accepted units: 亩 (default for a bare number), 公顷 / ha, 平方米 / 平米 / ㎡ / m² / m2,
 * 万平方米, 平方公里 / km². Zero is allowed (the project needs no new land, e.g. it rents a building).
 */

export const SQUARE_METRES_PER_MU = 10_000 / 15;
/** 100,000 亩 ≈ 66.7 km², larger than most whole parks: above it the unit was almost surely wrong. */
export const MAX_LAND_MU = 100_000;

const UNITS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:亩|)$/, 1],
  [/^(?:公顷|ha|hm2)$/i, 15],
  [/^(?:万平方米|万平米|万m2)$/i, 10_000 / SQUARE_METRES_PER_MU],
  [/^(?:平方公里|平方千米|km2)$/i, 1_500],
  [/^(?:平方米|平米|平方|m2|sqm)$/i, 1 / SQUARE_METRES_PER_MU],
];

export function parseLandMu(input: string | number, label = '用地'): Parsed<number> {
  let value: number;
  let factor = 1;
  if (typeof input === 'number') {
    value = input;
  } else {
    let s = foldWidth(stripControlChars(input)).replace(/\s+/g, '').replace(/(?<=\d),(?=\d{3})/g, '');
    if (s === '') return fail(`${label}为空`);
    s = s.replace(/^(?:约|大约|近|超过|超|逾|需|需要|用地)+/, '').replace(/(?:左右|以上|上下|多)$/, '');
    if (/^-/.test(s)) return fail(`${label}不能为负数`);
    if (/^\d+(?:\.\d+)?(?:[-~～至到]|—)\d/.test(s)) return fail(`${label}请填写单个数值，不要填写区间`);
    const m = /^\+?(\d+(?:\.\d+)?)(.*)$/.exec(s);
    if (!m) return fail(`${label}“${input.trim().slice(0, 30)}”无法识别，请填写数字，如 50 或 50亩、3.5公顷`);
    value = Number(m[1]);
    const unit = UNITS.find(([re]) => re.test(m[2]!));
    if (!unit) return fail(`${label}的单位“${m[2]!.slice(0, 10)}”无法识别，应为 亩、公顷 或 平方米`);
    factor = unit[1];
  }
  if (!Number.isFinite(value)) return fail(`${label}无法识别为数字`);
  if (value < 0) return fail(`${label}不能为负数`);
  const mu = round(value * factor, 2);
  if (mu > MAX_LAND_MU) return fail(`${label}超过 ${MAX_LAND_MU} 亩，请检查单位是否填错（平方米请注明“平方米”）`);
  return ok(mu);
}
