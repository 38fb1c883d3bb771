import type { Readable } from 'node:stream';
import { BatchFileError, type SheetRow } from './batch.js';
import { headerKey } from './columns.js';
import { validateCreditCode } from './credit-code.js';
import { IMPORT_LIMITS } from './limits.js';
import { cleanText } from './text.js';

/**
 * Company lists for the prospect inbox (招商对象名单), e.g. from a data vendor or an industry association: one
 * company a row. Same readers and limits as lead imports (csvRows / xlsxRows, IMPORT_LIMITS); rows are checked
 * with their row number, bad rows reported and good rows kept.
 */
export interface CompanyRow {
  name: string;
  creditCode?: string;
  scope?: string;
  products?: string;
  investments?: string;
  source?: string;
}

export type CompanyRowResult = { row: number; ok: true; company: CompanyRow } | { row: number; ok: false; errors: { field?: string; message: string }[] };

type Key = keyof CompanyRow;
const COLUMNS: { key: Key; label: string; aliases: string[]; max: number }[] = [
  { key: 'name', label: '企业名称', aliases: ['name', 'company', '企业名称', '公司名称', '企业', '名称'], max: 200 },
  { key: 'creditCode', label: '统一社会信用代码', aliases: ['credit_code', 'creditcode', '统一社会信用代码', '信用代码'], max: 40 },
  { key: 'scope', label: '经营范围', aliases: ['scope', 'business_scope', '经营范围'], max: 5000 },
  { key: 'products', label: '主营产品', aliases: ['products', 'product', '主营产品', '产品', '主要产品'], max: 2000 },
  { key: 'investments', label: '近期投资或扩产', aliases: ['investments', 'recent_investments', '近期投资', '近期投资或扩产', '投资扩产', '扩产计划'], max: 2000 },
  { key: 'source', label: '来源', aliases: ['source', '来源', '数据来源', '名单来源'], max: 200 },
];
const ALIASES = new Map(COLUMNS.flatMap((c) => c.aliases.map((a) => [headerKey(a), c] as const)));

export const COMPANY_LIST_TEMPLATE_HEADER = COLUMNS.map((c) => c.label);

export interface CompanyListSummary {
  rows: number;
  accepted: number;
  rejected: number;
}

/** Reads SheetRows (header first) into checked company rows; a file without a 企业名称 column is a file error. */
export async function* readCompanyRows(rows: AsyncIterable<SheetRow>, summary: CompanyListSummary = { rows: 0, accepted: 0, rejected: 0 }): AsyncGenerator<CompanyRowResult> {
  let columns: Map<Key, number> | undefined;
  for await (const r of rows) {
    if (!columns) {
      columns = new Map();
      r.cells.forEach((cell, i) => {
        const c = ALIASES.get(headerKey(cell));
        if (c && !columns!.has(c.key)) columns!.set(c.key, i);
      });
      if (!columns.has('name')) throw new BatchFileError('missing-columns', `第 ${r.row} 行（表头）缺少“企业名称”列；表头应为：${COMPANY_LIST_TEMPLATE_HEADER.join('、')}`, r.row);
      if (!columns.has('scope') && !columns.has('products')) throw new BatchFileError('missing-columns', `表头至少要有“经营范围”或“主营产品”一列，用于匹配园区方向；表头应为：${COMPANY_LIST_TEMPLATE_HEADER.join('、')}`, r.row);
      continue;
    }
    if (r.cells.every((c) => !c.trim())) continue;
    summary.rows++;
    if (summary.rows > IMPORT_LIMITS.maxRows) {
      summary.rejected++;
      yield { row: r.row, ok: false, errors: [{ message: `超过单个文件 ${IMPORT_LIMITS.maxRows} 行的上限，此行未导入；请分成多个文件上传` }] };
      continue;
    }
    if (r.problem) {
      summary.rejected++;
      yield { row: r.row, ok: false, errors: [r.problem] };
      continue;
    }
    const errors: { field?: string; message: string }[] = [];
    const company: Partial<CompanyRow> = {};
    for (const c of COLUMNS) {
      const i = columns.get(c.key);
      const v = i === undefined ? '' : cleanText(r.cells[i] ?? '').trim();
      if (!v) continue;
      if (v.length > c.max) errors.push({ field: c.key, message: `${c.label}超过 ${c.max} 字` });
      else company[c.key] = v;
    }
    if (!company.name) errors.push({ field: 'name', message: '企业名称为空' });
    if (!company.scope && !company.products) errors.push({ field: 'scope', message: '经营范围与主营产品都为空，无法匹配园区方向' });
    if (company.creditCode) {
      const cc = validateCreditCode(company.creditCode);
      if (cc.ok) company.creditCode = cc.code;
      else errors.push({ field: 'creditCode', message: `统一社会信用代码：${cc.reason}` });
    }
    if (errors.length) {
      summary.rejected++;
      yield { row: r.row, ok: false, errors };
    } else {
      summary.accepted++;
      yield { row: r.row, ok: true, company: company as CompanyRow };
    }
  }
  if (!columns) throw new BatchFileError('empty-file', '文件是空的：第一行应为表头（企业名称、统一社会信用代码、经营范围、主营产品、近期投资或扩产、来源）');
}

/** The company list in a file, CSV (UTF-8 / GBK / UTF-16) or XLSX. */
export async function companyListRows(input: Readable, format: 'csv' | 'xlsx'): Promise<AsyncIterable<SheetRow>> {
  if (format === 'xlsx') return (await import('./xlsx.js')).xlsxRows(input);
  return (await import('./csv.js')).csvRows(input);
}
