import { foldWidth, stripControlChars } from './text.js';

/**
 * The distinctive core of a company name, for duplicate detection (项目撞车): exact comparison of the
 * key, and fuzzy comparison with PostgreSQL `pg_trgm` on the same key (`companyNameSimilarity` is the
 * same measure in TypeScript, so the threshold below is justified on the table in the spec).
 *
 * Steps: fold width and case (NFKC, lower case) → unify brackets → drop a branch suffix → drop bracketed
 * places and legal forms such as （中国）(南通)（有限合伙）, unwrap any other bracket → strip legal-form
 * suffixes from the end, repeatedly (股份有限公司, 有限责任公司, 有限公司, 集团, Co., Ltd., Inc. …) →
 * drop generic words (科技, 技术, 新材料, 实业, 发展, 国际 …; Technology, International …) → drop leading
 * places (江苏, 南通市, 江苏省南通市 …) → drop punctuation and spaces.
 *
 * | name | key |
 * |---|---|
 * | 测名微电子（南通）有限公司 | 测名微电子 |
 * | 江苏测名微电子科技有限公司 | 测名微电子 |
 * | 阿里巴巴（中国）网络技术有限公司 | 阿里巴巴网络 |
 * | 中天科技集团股份有限公司 | 中天 |
 * | 上海医药集团股份有限公司 | 上海医药 (only a trade word would remain: the place is the name) |
 * | Huawei Technologies Co., Ltd. | huawei |
 *
 * A step that would leave fewer than two characters is not taken (南通科技发展有限公司 → 南通), so a name
 * never collapses to nothing.
 */

/** Two keys at least this similar (trigram similarity, as pg_trgm computes it) name the same company. */
export const COMPANY_NAME_THRESHOLD = 0.6;

export const PLACES = [
  '中国', '中华', '亚洲', '亚太', '全球', '大中华', '香港', '澳门', '台湾',
  '北京', '天津', '上海', '重庆', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽',
  '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '四川', '贵州', '云南', '西藏',
  '陕西', '甘肃', '青海', '宁夏', '新疆', '深圳', '广州', '东莞', '佛山', '珠海', '杭州', '宁波', '温州', '绍兴',
  '嘉兴', '湖州', '苏州', '无锡', '常州', '南京', '厦门', '青岛', '济南', '大连', '沈阳', '武汉', '长沙', '成都',
  '西安', '合肥', '郑州', '南通', '海安', '如皋', '如东', '启东', '海门', '通州', '崇川', '港闸', '通州湾', '昆山',
  '张家港', '常熟', '江阴', '宜兴', '扬州', '泰州', '盐城', '徐州', '连云港', '淮安', '宿迁', '镇江',
];
const PLACE_FORMS = /(?:省|市|区|县|自治区|特别行政区)?/;
const LEADING_PLACE = new RegExp(`^(?:${[...PLACES].sort((a, b) => b.length - a.length).join('|')})${PLACE_FORMS.source}`, 'u');
const LATIN_PLACES = new Set(['china', 'asia', 'asiapacific', 'shanghai', 'beijing', 'shenzhen', 'nantong', 'jiangsu', 'hongkong', 'hk', 'suzhou', 'hangzhou']);

const BRACKET_LEGAL = ['有限合伙', '普通合伙', '特殊普通合伙', '集团', '控股', '筹', '筹建', '筹备'];

/** Suffixes stripped from the end, longest first so 股份有限公司 goes before 有限公司. */
const SUFFIXES = [
  '股份有限公司', '有限责任公司', '集团有限公司', '集团股份有限公司', '有限公司', '集团公司', '股份公司',
  '总公司', '分公司', '合伙企业', '有限合伙', '普通合伙', '集团', '股份', '控股', '公司',
  'corporation', 'incorporated', 'company', 'limited', 'holdings', 'holding', 'group', 'corp', 'inc',
  'ltd', 'llc', 'plc', 'gmbh', 'co', 'ag', 'sa', 'bv', 'kk',
].sort((a, b) => b.length - a.length);

/** Words that say what kind of firm it is, not which: dropped wherever they stand after the first character. */
const GENERIC = ['高新技术', '高科技', '新材料', '科技', '技术', '实业', '发展', '国际', '控股', '产业', '企业', '工业'];
const LATIN_GENERIC = new Set(['technology', 'technologies', 'tech', 'international', 'industrial', 'industries', 'industry', 'development', 'enterprise', 'enterprises']);

/** Trade words: when nothing else remains after a place, the place is the name (上海医药, 南京银行). */
const TRADE = /^(?:医药|银行|钢铁|化工|电力|建设|建工|交通|港口|机场|纺织|家纺|电子|电气|能源|证券|保险|农商|农业|物流|水务|燃气|汽车|船舶|重工|轻工|食品|传媒|旅游|城投|投资)+$/u;

const MIN_KEY = 2;

function isPlace(s: string): boolean {
  const t = s.replace(/\s+/g, '');
  return t !== '' && (LATIN_PLACES.has(t) || t.replace(LEADING_PLACE, '') === '' || /^[\u4e00-\u9fff]{1,6}(?:省|市|区|县|自治区|特别行政区)$/u.test(t));
}

/** Replaces `s` by `next` only when at least MIN_KEY characters stay. */
function keep(s: string, next: string): string {
  return [...next.replace(/\s+/g, '')].length >= MIN_KEY ? next : s;
}

export function normalizeCompanyName(name: string): string {
  const folded = foldWidth(stripControlChars(name))
    .toLowerCase()
    .replace(/[【〔［「『]/g, '(')
    .replace(/[】〕］」』]/g, ')')
    .trim()
    // A branch or office of a company is the company: 某某有限公司南通分公司 → 某某有限公司.
    .replace(/(公司).{0,12}?(?:分公司|办事处|代表处)$/u, '$1');
  let s = folded.replace(/\(([^()]*)\)/g, (_, inner: string) => (isPlace(inner) || BRACKET_LEGAL.includes(inner.trim()) ? ' ' : ` ${inner} `));
  // Latin words become tokens separated by spaces, Chinese stays contiguous; punctuation goes.
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  let previous: string;
  do {
    previous = s;
    for (const suffix of SUFFIXES) {
      const latin = /^[a-z]+$/.test(suffix);
      if (latin ? s === suffix || s.endsWith(` ${suffix}`) : s.endsWith(suffix)) {
        s = s.slice(0, s.length - suffix.length).trim();
        break;
      }
    }
  } while (s !== previous && s !== '');
  if (s === '') return folded.replace(/[^\p{L}\p{N}]+/gu, '');

  // Generic words, Latin ones as whole words, Chinese ones anywhere but at the very start.
  s = keep(s, s.split(' ').filter((w) => !LATIN_GENERIC.has(w) && !LATIN_PLACES.has(w)).join(' '));
  for (const g of GENERIC) s = keep(s, s.slice(0, 1) + s.slice(1).split(g).join(''));
  // Leading places, repeatedly (江苏省南通市…), unless only a trade word would remain.
  for (let next = s.replace(LEADING_PLACE, ''); next !== s && !TRADE.test(next.replace(/\s+/g, '')); next = s.replace(LEADING_PLACE, '')) {
    const kept = keep(s, next);
    if (kept === s) break;
    s = kept;
  }
  return s.replace(/\s+/g, '');
}

function trigrams(key: string): Set<string> {
  const chars = [...`  ${key} `];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return out;
}

/**
 * pg_trgm's `similarity` of two keys (keys have no spaces, so each is one word): shared trigrams over
 * all trigrams of both, each word padded with two spaces in front and one behind.
 */
export function companyNameSimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Whether two company names (as typed) name the same company under the rule above. */
export function sameCompany(a: string, b: string): boolean {
  return companyNameSimilarity(normalizeCompanyName(a), normalizeCompanyName(b)) >= COMPANY_NAME_THRESHOLD;
}
