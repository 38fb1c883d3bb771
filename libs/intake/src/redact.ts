import { normalizeCompanyName, PLACES } from './company-name.js';

/**
 * De-identification of a lead's free text (description, sector) for parks and boards that see a lead
 * before it is accepted. Computed once when the lead is taken in and stored beside the raw text, so
 * every place that shows or searches text for such a viewer reads the redacted copy and nothing else.
 *
 * Removed, each span replaced by `REDACTION_MARK`:
 * - the lead's own identifying values: its company name and the name's short forms (the
 *   `normalizeCompanyName` core, without a leading place name, without trailing trade words, its
 *   four-character trade name), its credit code, its contacts' names, phone numbers and e-mails;
 * - patterns: company names (…有限公司 / …集团 / … Co., Ltd.), 统一社会信用代码 and ID numbers,
 *   names with a title (联系人张伟, 张经理, 王总, 李女士, Mr. Zhang), phone numbers (mobile, landline with
 *   area code, +86, 400/800), e-mails, URLs and domains, WeChat / QQ ids.
 *
 * Matching runs on the width-folded, lower-cased text (ＡＢＣ and abc alike) and maps back to the text as
 * typed, so what is kept is unchanged. It errs on the side of removing: a few words too many cost less
 * than one name too many.
 */
export const REDACTION_MARK = '〔已脱敏〕';

export interface RedactionSubject {
  company?: string | null;
  creditCode?: string | null;
  contacts?: readonly { name?: string | null; phone?: string | null; email?: string | null }[];
}

/** Trade words that follow the distinctive part of a Chinese company name (南通澜沧新材料 → 南通澜沧). */
const TRADE_WORDS = [
  '科技', '技术', '网络', '信息', '智能', '数字', '数据', '软件', '电子', '电气', '光电', '通信', '半导体', '微电子',
  '新材料', '材料', '化工', '化学', '生物', '医药', '医疗', '健康', '新能源', '能源', '氢能', '储能', '光伏', '环保',
  '装备', '机械', '制造', '工业', '实业', '产业', '发展', '投资', '贸易', '国际', '纺织', '家纺', '服饰', '汽车',
  '船舶', '海洋', '航空', '物流', '精密', '动力', '工程', '创新', '研究院', '研究所', '集团', '股份', '控股',
  'technologies', 'technology', 'tech', 'materials', 'energy', 'industries', 'industrial', 'international',
  'biotech', 'pharma', 'electronics', 'semiconductor', 'systems', 'solutions',
].sort((a, b) => b.length - a.length);

const CJK = '\\u4e00-\\u9fff';
/** Characters that end a Chinese phrase before a company name starts (与, 由, 向 …). */
const NAME_BREAK = '与和及由向在是为的了将被把从对等或并拟于自已经系即同跟给让请约';
const COMPANY_SUFFIX = '(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|股份公司|总公司|分公司|公司|研究院|研究所|合伙企业|[（(]有限合伙[）)]|事务所|工作室)';
const SURNAMES =
  '欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|司徒|夏侯|长孙|宇文|端木|' +
  '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳' +
  '鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒' +
  '屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯管卢莫经房裘缪干解应宗丁宣邓郁单杭洪包诸左石崔吉' +
  '龚程嵇邢裴陆荣翁荀羊惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘厉戎祖武符刘景詹束龙叶幸司' +
  '韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎' +
  '充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关' +
  '蒯相查后荆红游竺权逯盖益桓公';
const SURNAME = `(?:${SURNAMES.split('|').map((s, i, all) => (i === all.length - 1 ? `[${s}]` : s)).join('|')})`;
/** Titles after a surname: 张经理, 王总, 李女士; 总 is not a title in 总投资, 总部, 总额 …. */
const TITLE = '(?:总经理|副总经理|董事长|副总|经理|总监|总裁|主任|主管|部长|处长|科长|院长|所长|厂长|书记|秘书|主席|博士|教授|老师|先生|女士|小姐|律师|会计|总(?![投额部计体量产面值数共裁监线占规建价营收经]))';
/** Labels that introduce a person: 联系人, 负责人, 法定代表人 … (then a name of two to four characters). */
const PERSON_LABEL = '(?:联系人|联络人|对接人|负责人|法定代表人|法人代表|法人|董事长|总经理|创始人|实控人|实际控制人|经办人)';

/** Seven digits with separators: the least a phone number has. */
const PHONE_LIKE = /\d(?:[\s\-()（）]*\d){6}/;
/** A character every title in `TITLE` contains. */
const TITLE_HINT = /[总经理监裁主任管长记书席博授师生女士姐律会]/;

interface Rule {
  re: RegExp;
  /** A cheap test on the whole text that must pass before `re` runs (most descriptions hold no digits run or @). */
  when?: RegExp;
  /** Which capture group to remove (0 = the whole match). */
  group?: number;
  /** Runs on the width-folded text with its case kept (English names start with a capital). */
  cased?: boolean;
}

const RULES: Rule[] = [
  // URLs and bare domains (before e-mails and names, so https://a.cn/张经理 goes as one span)
  { re: /(?:https?:\/\/|www\.)[a-z0-9\-._~:/?#[\]@$&+=%]+/g },
  { re: /\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:com|cn|net|org|io|co|tech|info|biz|ltd|top|xyz|cc|me|hk|tw)\b(?:\/[a-z0-9\-._~:/?#[\]@$&+=%]*)?/g },
  { re: /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/g, when: /@/ },
  // WeChat / QQ ids: keep the label, remove the id
  { re: /(?<![a-z])(?:微信号?|wechat|weixin|vx|v信|wx|qq号?|企业微信)\s*(?:号码|号|id)?\s*[:：是为]?\s*([a-z0-9][a-z0-9_\-]{4,29})/g, group: 1 },
  // 统一社会信用代码, 身份证 (18 and 15 digits), 组织机构代码, passports and other long codes with digits
  { re: /(?<![a-z0-9])[0-9a-hj-npqrtuwxy]{2}\d{6}[0-9a-hj-npqrtuwxy]{10}(?![a-z0-9])/g, when: /\d{6}/ },
  { re: /(?<![a-z0-9])\d{6}(?:19|20)\d{2}[01]\d[0-3]\d\d{3}[\dx](?![a-z0-9])/g, when: /\d{15}/ },
  { re: /(?<![a-z0-9])\d{15}(?![a-z0-9])/g, when: /\d{15}/ },
  { re: /(?:身份证|证件|护照|组织机构代码|信用代码|营业执照|注册号|税号)[号码]*\s*[:：为是]?\s*([a-z0-9][a-z0-9\-]{5,24})/g, group: 1 },
  // phone numbers: +86 / 0086 mobile, landline with area code and extension, 400/800, and digits after a phone label
  { re: /(?<!\d)(?:(?:\+|00)\s*86[\s-]*)?1[3-9]\d(?:[\s-]*\d){8}(?!\d)/g, when: PHONE_LIKE },
  { re: /(?<!\d)(?:(?:\+|00)\s*86[\s-]*)?[(（]?0\d{2,3}[)）]?[\s-]*[2-9]\d{2,3}[\s-]*\d{3,4}(?:\s*(?:-|转|ext\.?|x|#)\s*\d{1,6})?(?!\d)/g, when: PHONE_LIKE },
  { re: /(?<!\d)[48]00[\s-]*\d{3}[\s-]*\d{4}(?!\d)/g, when: PHONE_LIKE },
  { re: /(?:电话|手机|座机|热线|联系方式|联系电话|tel|phone|mobile|mob|fax|传真)\s*[:：.]?\s*((?:\+?\d[\d\s\-()（）]{4,22}\d))/g, group: 1 },
  // company names
  { re: new RegExp(`(?:(?![${NAME_BREAK}])[${CJK}a-z0-9（）()·&]){2,16}?${COMPANY_SUFFIX}`, 'g'), when: /公司|集团|研究[院所]|合伙|事务所|工作室/ },
  {
    re: /(?:[A-Z0-9][\w&'.-]*\s+(?:(?:of|and|&)\s+)?){1,6}(?:[Cc]o\.?,?\s*(?:[Ll]td\.?|[Ll]imited)|Company Limited|Ltd\.?|Limited|Inc\.?|Incorporated|Corp\.?|Corporation|GmbH|LLC|PLC|S\.A\.|AG|Holdings|Group)(?![A-Za-z])/g,
    cased: true,
    when: /co\b|ltd|limited|inc\b|incorporated|corp|gmbh|llc|plc|s\.a\.|\bag\b|holdings|group/i,
  },
  // people: labelled names, surname + title, English titles
  { re: new RegExp(`${PERSON_LABEL}\\s*[:：为是]?\\s*((?:${SURNAME})[${CJK}]{1,2}|[a-z]+(?:[\\s.]+[a-z]+){0,2})`, 'g'), group: 1 },
  { re: new RegExp(`${SURNAME}[${CJK}]{0,2}?${TITLE}`, 'g'), when: TITLE_HINT },
  { re: /\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?/g, cased: true },
  { when: /contact/i, re: /\b[Cc]ontact(?:\s+[Pp]erson)?\s*[:：]?\s*([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)/g, group: 1, cased: true },
];

interface Folded {
  folded: string;
  /** For each folded UTF-16 unit, where its source character starts and ends in the text as typed. */
  start: number[];
  end: number[];
}

/** Width-folded (and, unless `keepCase`, lower-cased) copy of `text` that maps back to it. */
function fold(text: string, keepCase: boolean): Folded {
  const whole = keepCase ? text.normalize('NFKC') : text.normalize('NFKC').toLowerCase();
  // Almost always one unit for one unit (full-width forms fold to one ASCII character): the identity map.
  if (whole.length === text.length) return { folded: whole, start: Array.from({ length: text.length }, (_, i) => i), end: Array.from({ length: text.length }, (_, i) => i + 1) };
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC');
    const f = keepCase ? n : n.toLowerCase();
    for (let k = 0; k < f.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    folded += f;
    i += ch.length;
  }
  return { folded, start, end };
}

/** Separators people type inside a name or number (张 伟, 139-1234-5678, zhen.hua), after folding. */
const SEPARATORS = /[\s\-_.·,()]/g;
const isSeparator = (c: string) => c <= ' ' || c === '-' || c === '.' || c === ',' || c === '_' || c === '·' || c === '(' || c === ')';

/** The folded text without separators, mapped back like `Folded`. */
function compact(f: Folded): Folded {
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let j = 0; j < f.folded.length; j++) {
    const c = f.folded[j]!;
    if (isSeparator(c)) continue;
    folded += c;
    start.push(f.start[j]!);
    end.push(f.end[j]!);
  }
  return { folded, start, end };
}

/** A known value as compact folded text, or null when it is too short to look for without hitting ordinary words. */
function compactValue(value: string): string | null {
  const bare = value.normalize('NFKC').toLowerCase().replace(SEPARATORS, '');
  const n = [...bare].length;
  if (n < 2 || (/^[a-z]+$/.test(bare) && n < 4) || (/^[\d+]+$/.test(bare) && n < 5)) return null;
  return bare;
}

/** The company's name and the short forms a text may use for it. */
export function companyNameForms(company: string): string[] {
  const forms = new Set<string>([company]);
  const core = normalizeCompanyName(company);
  const add = (s: string) => {
    if ([...s].length >= 2 && !(/^[a-z]+$/.test(s) && s.length < 3)) forms.add(s);
  };
  add(core);
  // the name without its legal form but with its trade words (澜沧星穹氢能科技), as texts often write it
  let legal = company.normalize('NFKC').toLowerCase().replace(/[(（][^()（）]*[)）]/g, '').replace(/[^\p{L}\p{N}]+/gu, '');
  for (let before = ''; before !== legal; ) {
    before = legal;
    legal = legal.replace(/(?:股份有限公司|有限责任公司|有限公司|集团|股份|控股|公司|colimited|coltd|limited|ltd|inc|corporation|corp|gmbh|llc|plc|group|holdings)$/u, '');
  }
  add(legal);
  let bare = legal;
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of PLACES) if (bare.startsWith(r) && bare.length - r.length >= 2) { bare = bare.slice(r.length); changed = true; break; }
  }
  add(bare);
  let trimmed = bare;
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of TRADE_WORDS) if (trimmed.endsWith(w) && trimmed.length - w.length >= 2) { trimmed = trimmed.slice(0, -w.length); changed = true; break; }
  }
  add(trimmed);
  if (/^[\u4e00-\u9fff]{6,}$/.test(bare)) add(bare.slice(0, 4));
  // English names: each distinctive word of four letters or more (Zephyrion of Zephyrion Dynamics Co., Ltd.)
  for (const w of company.normalize('NFKC').toLowerCase().split(/[^a-z0-9]+/)) if (w.length >= 4 && !TRADE_WORDS.includes(w) && !GENERIC_EN.has(w)) add(w);
  return [...forms];
}

const GENERIC_EN = new Set(['company', 'limited', 'corporation', 'incorporated', 'group', 'holding', 'holdings', 'china', 'nantong', 'jiangsu', 'shanghai', 'asia', 'global', 'new']);

function knownValues(s: RedactionSubject): string[] {
  const out: string[] = [];
  if (s.company) out.push(...companyNameForms(s.company));
  if (s.creditCode) out.push(s.creditCode);
  for (const c of s.contacts ?? []) {
    if (c.name) out.push(c.name);
    if (c.phone) out.push(c.phone, c.phone.replace(/\D/g, ''));
    if (c.email) out.push(c.email, c.email.split('@')[0]!);
  }
  return out;
}

/** Merges overlapping or touching spans (only whitespace between). */
function merge(spans: [number, number][], text: string): [number, number][] {
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1] + 1 && /^\s*$/.test(text.slice(last[1], s[0]))) last[1] = Math.max(last[1], s[1]);
    else out.push([...s]);
  }
  return out;
}

/** The text with every identifying span replaced by `REDACTION_MARK`. */
export function redactText(text: string, subject: RedactionSubject = {}): string {
  if (!text) return text;
  const lower = fold(text, false);
  let cased: Folded | undefined;
  const spans: [number, number][] = [];
  const take = (f: Folded, from: number, to: number) => {
    if (to > from) spans.push([f.start[from]!, f.end[to - 1]!]);
  };
  const known = [...new Set(knownValues(subject).map(compactValue).filter((v): v is string => v !== null))];
  if (known.length) {
    const c = compact(lower);
    for (const v of known) for (let at = c.folded.indexOf(v); at >= 0; at = c.folded.indexOf(v, at + 1)) take(c, at, at + v.length);
  }
  for (const rule of RULES) {
    const f = rule.cased ? (cased ??= fold(text, true)) : lower;
    if (rule.when && !rule.when.test(f.folded)) continue;
    for (const m of f.folded.matchAll(rule.re)) {
      const g = rule.group ?? 0;
      const part = m[g];
      if (!part) continue;
      const start = g === 0 ? m.index : m.index + m[0].lastIndexOf(part);
      take(f, start, start + part.length);
    }
  }
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of merge(spans, text)) {
    out += text.slice(at, s) + REDACTION_MARK;
    at = e;
  }
  return (out + text.slice(at)).replaceAll(REDACTION_MARK + REDACTION_MARK, REDACTION_MARK);
}

/** The de-identified copies of a lead's free text, stored beside the raw text. */
export function redactLeadText(lead: { description: string; sector?: string | null } & RedactionSubject): { description: string; sector: string | null } {
  return { description: redactText(lead.description, lead), sector: lead.sector ? redactText(lead.sector, lead) : null };
}
