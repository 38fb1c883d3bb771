import { parseMoney, type Money } from './money.js';
import { extractSpaceNeeds } from './needs.js';
import { round } from './result.js';
import { foldWidth, stripControlChars } from './text.js';

/**
 * 投资额 and 用地 a description states, offered to the lead form as values to fill in (never filled silently).
 *
 * | text | amount / landMu |
 * |---|---|
 * | `总投资1.2亿元`, `计划投资 12,000 万元`, `拟投资约5亿` | 1.2 亿元 / 12000 万元 / 5 亿元 |
 * | `invest USD 50 million`, `total investment of RMB 1.2 billion` | 5000 万美元 / 12 亿元 |
 * | `用地80亩`, `拟供地 5.3 公顷` (libs/intake extractSpaceNeeds), `5.3 hectares`, `80 mu` | 80 / 79.5 |
 *
 * An amount needs an investment word before it (年产值50亿元 is not an investment); the figure is read by
 * parseMoney, so it obeys the same units and bounds as the form field.
 */
export interface FieldSuggestions {
  amount?: Money & { source: string };
  landMu?: { value: number; source: string };
}

const ZH_AMOUNT = /(?:总投资额?|投资总额|计划投资|拟投资|投资额|总投入|投资)[^0-9。；;，,]{0,6}?((?:约|近|超过|超|逾)?\s*(?:US\$|USD|\$|RMB|CNY|¥)?\s*\d+(?:\.\d+)?\s*(?:亿美元|亿美金|万美元|万美金|亿元人民币|万元人民币|亿人民币|万人民币|亿元|万元|亿|万))/;
const EN_AMOUNT = /invest[a-z]*\b[^.;。；]{0,40}?\b(US\$|USD|\$|RMB|CNY|¥|yuan|dollars?)?\s*(\d+(?:\.\d+)?)\s*(million|billion|bn|m)\b\s*(US dollars?|dollars?|USD|yuan|RMB|CNY)?/i;
const EN_LAND = /(\d+(?:\.\d+)?)\s*(mu|hectares?|ha|acres?)\b/i;
const ZH_LAND_BARE = /(\d+(?:\.\d+)?)\s*(亩|公顷)(?!均|产)/;

export function suggestFields(description: string): FieldSuggestions {
  const text = foldWidth(stripControlChars(description ?? '')).replace(/(?<=\d),(?=\d{3})/g, '');
  const out: FieldSuggestions = {};
  const amount = zhAmount(text) ?? enAmount(text);
  if (amount) out.amount = amount;
  const land = landMu(text);
  if (land) out.landMu = land;
  return out;
}

function zhAmount(text: string): FieldSuggestions['amount'] {
  const m = ZH_AMOUNT.exec(text);
  if (!m) return undefined;
  const parsed = parseMoney(m[1]!);
  return parsed.ok ? { ...parsed.value, source: m[0].trim() } : undefined;
}

function enAmount(text: string): FieldSuggestions['amount'] {
  const m = EN_AMOUNT.exec(text);
  if (!m) return undefined;
  const currency = `${m[1] ?? ''} ${m[4] ?? ''}`.toLowerCase();
  const usd = /us|\$|dollar/.test(currency);
  if (!usd && !/rmb|cny|¥|yuan/.test(currency)) return undefined;
  const millions = Number(m[2]) * (/^b/i.test(m[3]!) ? 1000 : 1);
  // 1 million = 100 万; a yuan amount of 100 million or more reads better in 亿元
  const value = usd ? { value: round(millions * 100, 6), unit: '万美元' as const } : millions >= 100 ? { value: round(millions / 100, 6), unit: '亿元' as const } : { value: round(millions * 100, 6), unit: '万元' as const };
  const parsed = parseMoney(`${value.value}${value.unit}`);
  return parsed.ok ? { ...parsed.value, source: m[0].slice(m[0].search(/US\$|USD|\$|RMB|CNY|¥|yuan|dollar|\d/i)).trim() } : undefined;
}

function landMu(text: string): FieldSuggestions['landMu'] {
  const stated = extractSpaceNeeds(text).landMu;
  if (stated !== undefined && stated > 0) return { value: stated, source: sourceOf(text, /(?:用地|土地|供地|地块|拿地|占地)[^。；;，,]{0,20}?(?:亩|公顷|ha|平方米|平米|㎡|m2|平方公里)/i) };
  const zh = ZH_LAND_BARE.exec(text);
  if (zh) return { value: round(Number(zh[1]) * (zh[2] === '公顷' ? 15 : 1), 2), source: zh[0] };
  const en = EN_LAND.exec(text);
  if (!en) return undefined;
  const unit = en[2]!.toLowerCase();
  const factor = unit === 'mu' ? 1 : unit.startsWith('acre') ? 6.07 : 15;
  return { value: round(Number(en[1]) * factor, 2), source: en[0] };
}

function sourceOf(text: string, re: RegExp): string {
  return re.exec(text)?.[0].trim() ?? '';
}
