import { foldWidth, stripControlChars } from './text.js';

/**
 * The distinctive core of a company name, for duplicate detection (项目撞车): exact comparison of the
 * key, and fuzzy comparison with PostgreSQL `pg_trgm` on the same key.
 *
 * Steps: fold width and case (NFKC, lower case) → unify brackets → drop bracketed region or legal-form
 * markers such as （中国）(南通)（有限合伙）, unwrap any other bracket → strip legal-form and noise
 * suffixes from the end, repeatedly (股份有限公司, 有限责任公司, 有限公司, 集团, 股份, 控股, 公司,
 * Co., Ltd., Inc., Corporation, Group …) → drop punctuation and spaces.
 *
 * | name | key |
 * |---|---|
 * | 阿里巴巴（中国）网络技术有限公司 | 阿里巴巴网络技术 |
 * | 中天科技集团股份有限公司 | 中天科技 |
 * | 中天科技集团有限公司 | 中天科技 |
 * | 江苏中天科技股份有限公司 | 江苏中天科技 |
 * | 罗莱生活科技(南通)有限公司 | 罗莱生活科技 |
 * | Huawei Technologies Co., Ltd. | huaweitechnologies |
 * | ＡＢＣ　Ｇｒｏｕｐ　Ｉｎｃ． | abc |
 * | 南通某某新材料有限公司上海分公司 | 南通某某新材料 |
 *
 * A leading place name (江苏…, 南通…) is kept: it is often part of the registered name and the only
 * difference between two unrelated companies; fuzzy matching tolerates it. When stripping would leave
 * nothing (the name is only "集团有限公司"), the folded name without punctuation is returned instead.
 */

const REGIONS = [
  '中国', '中华', '国际', '亚洲', '亚太', '全球', '大中华', '香港', '澳门', '台湾',
  '北京', '天津', '上海', '重庆', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽',
  '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '四川', '贵州', '云南', '西藏',
  '陕西', '甘肃', '青海', '宁夏', '新疆', '深圳', '广州', '杭州', '苏州', '无锡', '常州', '南京', '宁波', '厦门',
  '青岛', '大连', '武汉', '成都', '西安', '合肥', '南通', '海安', '如皋', '如东', '启东', '海门', '通州',
  '崇川', '通州湾', '昆山', '张家港', '常熟', '扬州', '泰州', '盐城', '徐州', '连云港', '淮安', '宿迁', '镇江',
  'china', 'asia', 'asiapacific', 'shanghai', 'beijing', 'shenzhen', 'nantong', 'jiangsu', 'hongkong', 'hk',
];
const BRACKET_LEGAL = ['有限合伙', '普通合伙', '特殊普通合伙', '集团', '控股', '筹', '筹建', '筹备'];

/** Suffixes stripped from the end, longest first so 股份有限公司 goes before 有限公司. */
const SUFFIXES = [
  '股份有限公司', '有限责任公司', '集团有限公司', '集团股份有限公司', '有限公司', '集团公司', '股份公司',
  '总公司', '分公司', '合伙企业', '有限合伙', '普通合伙', '集团', '股份', '控股', '公司',
  'corporation', 'incorporated', 'company', 'limited', 'holdings', 'holding', 'group', 'corp', 'inc',
  'ltd', 'llc', 'plc', 'gmbh', 'co', 'ag', 'sa', 'bv', 'kk',
].sort((a, b) => b.length - a.length);

function isRegion(s: string): boolean {
  const t = s.replace(/\s+/g, '');
  return REGIONS.includes(t) || /^[\u4e00-\u9fff]{1,6}(?:省|市|区|县|自治区|特别行政区)$/.test(t);
}

export function normalizeCompanyName(name: string): string {
  const folded = foldWidth(stripControlChars(name))
    .toLowerCase()
    .replace(/[【〔［「『]/g, '(')
    .replace(/[】〕］」』]/g, ')')
    .trim()
    // A branch or office of a company is the company: 某某有限公司南通分公司 → 某某有限公司.
    .replace(/(公司).{0,12}?(?:分公司|办事处|代表处)$/u, '$1');
  let s = folded.replace(/\(([^()]*)\)/g, (_, inner: string) =>
    isRegion(inner) || BRACKET_LEGAL.includes(inner.trim()) ? ' ' : ` ${inner} `,
  );
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
  const core = s.replace(/\s+/g, '');
  return core !== '' ? core : folded.replace(/[^\p{L}\p{N}]+/gu, '');
}
