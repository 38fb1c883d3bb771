import { foldWidth } from './text.js';

/**
 * 统一社会信用代码 (unified social credit identifier), GB 32100-2015.
 *
 * 18 characters from a 31-character set (digits and capital letters without I, O, Z, S, V):
 *
 * | position | meaning |
 * |---|---|
 * | 1 | 登记管理部门代码 (registration authority): 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管（工商）, A 中央军委改革和编制办公室, N 农业农村, Y 其他 |
 * | 2 | 机构类别代码 (organization type), allowed values depend on position 1 (see `ORG_TYPES`) |
 * | 3–8 | 登记管理机关行政区划码 (GB/T 2260 administrative division; only the province part is checked) |
 * | 9–17 | 主体标识码 = 组织机构代码 (GB 11714): 8 body characters and its own check character |
 * | 18 | check character: 31 − (Σ value·weight mod 31), weights 3^i mod 31 |
 */

export type CreditCodeResult = { ok: true; code: string } | { ok: false; reason: string };

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Allowed organization-type codes (position 2) per registration authority (position 1). */
const ORG_TYPES: Readonly<Record<string, string>> = {
  '1': '1239', // 机关、事业单位、编办直管群众团体、其他
  '2': '19', // 外国常驻新闻机构、其他
  '3': '123459', // 律师执业机构、公证处、基层法律服务所、司法鉴定机构、仲裁委员会、其他
  '4': '19', // 外国在华文化中心、其他
  '5': '1239', // 社会团体、民办非企业单位、基金会、其他
  '6': '129', // 外国（港澳台）旅游部门常驻代表机构、其他
  '7': '129', // 宗教活动场所、宗教院校、其他
  '8': '19', // 基层工会、其他
  '9': '123', // 企业、个体工商户、农民专业合作社
  A: '19', // 军队事业单位、其他
  N: '1239', // 组级、村级、乡镇级集体经济组织、其他
  Y: '1',
};

/** First two digits of a GB/T 2260 division; `10` is used by codes issued by central authorities (100000). */
const PROVINCES = new Set([
  '10', '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

/** Fold full-width characters and case, drop spaces and dashes people type as separators. */
export function normalizeCreditCode(s: string): string {
  return foldWidth(s).toUpperCase().replace(/[\s\-_]/g, '');
}

/** The GB 32100 check character for the first 17 characters (which must come from the code set). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character of an 8-character organization-code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55; // '0'..'9' → 0..9, 'A'..'Z' → 10..35
    sum += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  if (code.length === 0) return { ok: false, reason: '统一社会信用代码为空' };
  if (code.length !== 18) {
    return { ok: false, reason: `统一社会信用代码应为 18 位，当前为 ${code.length} 位` };
  }
  for (let i = 0; i < 18; i++) {
    if (!CHARSET.includes(code[i]!)) {
      return {
        ok: false,
        reason: `统一社会信用代码第 ${i + 1} 位“${code[i]}”不是有效字符（只用数字和除 I、O、Z、S、V 以外的大写字母）`,
      };
    }
  }
  if (creditCodeCheckChar(code) !== code[17]) {
    return { ok: false, reason: '统一社会信用代码校验位不符，请逐位核对是否抄错' };
  }
  const authority = code[0]!;
  const types = ORG_TYPES[authority];
  if (types === undefined) {
    return { ok: false, reason: `统一社会信用代码第 1 位登记管理部门代码“${authority}”不存在` };
  }
  if (!types.includes(code[1]!)) {
    return {
      ok: false,
      reason: `统一社会信用代码第 2 位机构类别代码“${code[1]}”与登记管理部门代码“${authority}”不匹配`,
    };
  }
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division) || !PROVINCES.has(division.slice(0, 2))) {
    return { ok: false, reason: `统一社会信用代码第 3–8 位行政区划码“${division}”无效` };
  }
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) {
    return { ok: false, reason: '统一社会信用代码第 9–17 位组织机构代码的校验位不符，请核对' };
  }
  return { ok: true, code };
}
