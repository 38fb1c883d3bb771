import { fail, ok, round, type Parsed } from './result.js';
import { foldWidth, stripControlChars } from './text.js';

/**
 * Investment amounts (投资额).
 *
 * A lead keeps its amount in the unit it was given, one of three canonical units: 万元, 亿元, 万美元.
 * `toWanYuan` converts to 万元 for comparison and statistics; the USD→CNY rate is a parameter because
 * it is configuration (the caller reads it from settings), not a constant of this library.
 *
 * Free strings accepted by `parseMoney` (after width folding, spaces and thousands separators removed):
 *
 * | input | result |
 * |---|---|
 * | `5亿元`, `5亿`, `5 亿人民币` | 5 亿元 |
 * | `3000万元`, `3,000万`, `3000万人民币` | 3000 万元 |
 * | `500万美元`, `500万美金`, `US$500万`, `$500万` | 500 万美元 |
 * | `2亿美元` | 20000 万美元 |
 * | `50000000元` | 5000 万元 |
 * | `约10亿元`, `近10亿`, `10亿元左右`, `超10亿`, `总投资10亿元` | 10 亿元, `approximate: true` |
 * | `3000` | needs a unit: an error unless `defaultUnit` is given |
 *
 * Rejected with a Chinese reason: ranges (`5-10亿`), negatives, zero, non-numeric text (`五亿`),
 * unknown units, and absurd values above 10,000 亿元 (1 亿 万元) once converted.
 */

export const MONEY_UNITS = ['万元', '亿元', '万美元'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

export interface Money {
  value: number;
  unit: MoneyUnit;
  /** The source said 约 / 近 / 左右 / 以上 …: the figure is an estimate. */
  approximate?: boolean;
}

/** 10,000 亿元, expressed in 万元. Anything above is a typo (an extra 万, a 元 amount typed into 万元). */
export const MAX_AMOUNT_WAN_YUAN = 100_000_000;
/** Rate used for the plausibility bound when the caller gives none; the bound only catches typos. */
const FALLBACK_USD_TO_CNY = 7;

export interface MoneyOptions {
  /** Unit for a bare number (`"3000"`). Without it a bare number is an error: 3000 万元 and 3000 亿元 differ 10,000-fold. */
  defaultUnit?: MoneyUnit;
  /** USD→CNY rate for the plausibility bound of 万美元 amounts (default 7). */
  usdToCny?: number;
  /** Field name used in messages (default 投资额). */
  label?: string;
}

/** Unit words → canonical unit and the factor that converts a number in that word to the canonical unit. */
const UNIT_WORDS: ReadonlyArray<readonly [string, MoneyUnit, number]> = [
  ['万元人民币', '万元', 1],
  ['亿元人民币', '亿元', 1],
  ['万人民币', '万元', 1],
  ['亿人民币', '亿元', 1],
  ['万美元', '万美元', 1],
  ['万美金', '万美元', 1],
  ['亿美元', '万美元', 10_000],
  ['亿美金', '万美元', 10_000],
  ['万元', '万元', 1],
  ['亿元', '亿元', 1],
  ['美元', '万美元', 0.0001],
  ['美金', '万美元', 0.0001],
  ['人民币', '万元', 0.0001],
  ['万', '万元', 1],
  ['亿', '亿元', 1],
  ['元', '万元', 0.0001],
];

const APPROX_PREFIX = /^(?:总投资额?|投资额?|计划投资|拟投资|预计|计划|拟|大约|约合|约|近|超过|超|逾|不少于|不低于|达)+/;
const APPROX_SUFFIX = /(?:左右|以上|多|余|上下)$/;
const USD_PREFIX = /^(?:US\$|USD|\$)/i;
const CNY_PREFIX = /^(?:RMB|CNY|¥)/i;

/** A unit word alone (`万元`, `亿`, `万美金`, `USD万`…) → canonical unit, or undefined. */
export function parseMoneyUnit(raw: string): MoneyUnit | undefined {
  const s = foldWidth(stripControlChars(raw)).replace(/\s+/g, '');
  for (const [word, unit, factor] of UNIT_WORDS) if (s === word && factor === 1) return unit;
  return undefined;
}

function bound(m: Money, label: string, usdToCny: number): Parsed<Money> {
  if (!Number.isFinite(m.value)) return fail(`${label}无法识别为数字`);
  if (m.value < 0) return fail(`${label}不能为负数`);
  if (m.value === 0) return fail(`${label}应大于 0；如暂不清楚请留空`);
  if (wanYuan(m, usdToCny) > MAX_AMOUNT_WAN_YUAN) {
    return fail(`${label}超过 10000 亿元，请检查单位是否填错（例如把“万元”填成了“元”或多写了“万”）`);
  }
  const value = round(m.value, 6);
  if (value === 0) return fail(`${label}太小，请检查单位`);
  return ok({ ...m, value });
}

function wanYuan(m: Money, usdToCny: number): number {
  return m.unit === '万元' ? m.value : m.unit === '亿元' ? m.value * 10_000 : m.value * usdToCny;
}

const HINT = '请填写阿拉伯数字加单位，如 5亿元、3000万元、500万美元';

/** Parse an amount given as a free string (`"约5亿元"`) or a number (then `defaultUnit` applies). */
export function parseMoney(input: string | number, options: MoneyOptions = {}): Parsed<Money> {
  const label = options.label ?? '投资额';
  const rate = options.usdToCny ?? FALLBACK_USD_TO_CNY;
  if (typeof input === 'number') {
    if (!options.defaultUnit) return fail(`${label}缺少单位，请注明 万元、亿元 或 万美元`);
    return bound({ value: input, unit: options.defaultUnit }, label, rate);
  }
  let s = foldWidth(stripControlChars(input)).replace(/\s+/g, '').replace(/(?<=\d),(?=\d{3})/g, '');
  if (s === '') return fail(`${label}为空`);
  let approximate = false;
  const pre = s.replace(APPROX_PREFIX, '');
  if (pre !== s) approximate = !/^(?:总投资额?|投资额?|计划投资|拟投资|计划|拟)+$/.test(s.slice(0, s.length - pre.length));
  s = pre.replace(/^[:：]/, '');
  const post = s.replace(APPROX_SUFFIX, '');
  if (post !== s) approximate = true;
  s = post;

  let currency: 'usd' | 'cny' | undefined;
  if (USD_PREFIX.test(s)) {
    currency = 'usd';
    s = s.replace(USD_PREFIX, '');
  } else if (CNY_PREFIX.test(s)) {
    currency = 'cny';
    s = s.replace(CNY_PREFIX, '');
  }
  if (/^-/.test(s)) return fail(`${label}不能为负数`);
  if (/^\+?\d+(?:\.\d+)?(?:[-~～至到]|—)\+?\d/.test(s)) return fail(`${label}请填写单个数值，不要填写区间（如 5-10亿元）`);
  const m = /^\+?(\d+(?:\.\d+)?)(.*)$/.exec(s);
  if (!m) return fail(`${label}“${input.trim().slice(0, 30)}”无法识别，${HINT}`);
  const num = Number(m[1]);
  let rest = m[2]!.replace(APPROX_SUFFIX, (x) => ((approximate = true), ''));
  if (rest === '') {
    if (currency === 'usd') return fail(`${label}缺少单位，请写成 500万美元 这样的形式`);
    if (!options.defaultUnit) return fail(`${label}缺少单位，请注明 万元、亿元 或 万美元`);
    return bound(withApprox({ value: num, unit: options.defaultUnit }, approximate), label, rate);
  }
  for (const [word, unit, factor] of UNIT_WORDS) {
    if (rest !== word) continue;
    if (currency === 'usd' && unit !== '万美元') {
      // "$500万": the dollar sign names the currency, the word only the magnitude.
      const f = factor * (unit === '亿元' ? 10_000 : 1);
      return bound(withApprox({ value: num * f, unit: '万美元' }, approximate), label, rate);
    }
    if (currency === 'cny' && unit === '万美元') break;
    return bound(withApprox({ value: num * factor, unit }, approximate), label, rate);
  }
  return fail(`${label}的单位“${rest.slice(0, 10)}”无法识别，${HINT}`);
}

function withApprox(m: Money, approximate: boolean): Money {
  return approximate ? { ...m, approximate: true } : m;
}

/**
 * Parse an amount given as two fields (a form, or the 投资额 and 投资额单位 columns). The value may be a
 * number or a numeric string; the unit must be one of 万元 / 亿元 / 万美元 (万, 亿, 万美金… accepted).
 * When the unit field is empty the value may carry its own unit (`"5亿元"`).
 */
export function moneyFromFields(value: unknown, unit: unknown, options: MoneyOptions = {}): Parsed<Money> {
  const label = options.label ?? '投资额';
  const unitText = typeof unit === 'string' ? unit.trim() : unit == null ? '' : undefined;
  if (unitText === undefined) return fail(`${label}单位应为文字：万元、亿元 或 万美元`);
  if (typeof value !== 'number' && typeof value !== 'string') return fail(`${label}应为数字`);
  if (unitText === '') return parseMoney(value, options);
  const canonical = parseMoneyUnit(unitText);
  if (!canonical) return fail(`${label}单位“${unitText.slice(0, 10)}”无效，应为 万元、亿元 或 万美元`);
  if (typeof value === 'number') return parseMoney(value, { ...options, defaultUnit: canonical });
  const parsed = parseMoney(value, { ...options, defaultUnit: canonical });
  if (!parsed.ok) return parsed;
  // "5亿元" in the value with 万元 in the unit column: the two disagree, ask rather than guess.
  if (parsed.value.unit !== canonical) {
    return fail(`${label}“${value.trim()}”与单位“${unitText}”不一致，请只在一处填写单位`);
  }
  return parsed;
}

/** The amount in 万元, rounded to 2 decimals. `usdToCny` is the configured USD→CNY rate (e.g. 7.1). */
export function toWanYuan(m: Money, rates: { usdToCny: number }): number {
  if (!(Number.isFinite(rates.usdToCny) && rates.usdToCny > 0)) {
    throw new RangeError(`usdToCny must be a positive number, got ${rates.usdToCny}`);
  }
  return round(wanYuan(m, rates.usdToCny), 2);
}

/** "5 亿元", "3000 万元 (约)": how the amount reads back to a person. */
export function formatMoney(m: Money): string {
  return `${m.approximate ? '约 ' : ''}${m.value} ${m.unit}`;
}
