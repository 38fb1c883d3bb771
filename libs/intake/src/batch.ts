import { headerKey, LEAD_COLUMNS, type LeadColumnKey } from './columns.js';
import { parseLeadInput, type FieldError, type LeadInput, type LeadInputOptions } from './lead-input.js';
import { IMPORT_LIMITS } from './limits.js';

/**
 * The format-independent half of a batch import: header matching, row → lead, limits and counters.
 * `csv.ts` and `xlsx.ts` turn a file into `SheetRow`s; `readBatch` turns those into `RowResult`s, one at
 * a time, so memory stays constant however long the file is.
 */

/** One row of a sheet as read from the file: its number as a person sees it (header = 1) and its cells. */
export interface SheetRow {
  row: number;
  cells: readonly string[];
  /** The reader could not read this row faithfully (a line that does not decode): it becomes a row error. */
  problem?: FieldError;
}

export type RowResult =
  | { row: number; ok: true; lead: LeadInput }
  | { row: number; ok: false; errors: FieldError[]; source?: [string, string][] };

export interface BatchWarning {
  code: 'unknown-columns' | 'no-data-rows';
  message: string;
  columns?: string[];
}

export interface BatchSummary {
  /** Non-blank data rows seen (accepted + rejected, including rows over the limit). */
  rows: number;
  accepted: number;
  rejected: number;
  /** Blank rows skipped (not counted in `rows`). */
  blank: number;
  /** Rows past `maxRows`, each reported as a rejected row. */
  overLimit: number;
  warnings: BatchWarning[];
  /** Set once the file has been read to its end. */
  done: boolean;
  /** The text encoding a CSV file was read in (`GBK/GB18030` …). */
  encoding?: string;
}

export type BatchFileErrorCode =
  | 'empty-file'
  | 'missing-columns'
  | 'duplicate-columns'
  | 'not-utf8'
  | 'malformed-csv'
  | 'not-xlsx'
  | 'wrong-format'
  | 'too-many-columns'
  | 'too-large';

/** A problem with the file as a whole; rows yielded before it stay valid. `message` is Chinese. */
export class BatchFileError extends Error {
  override readonly name = 'BatchFileError';
  constructor(
    readonly code: BatchFileErrorCode,
    message: string,
    /** The sheet row where reading stopped, when known. */
    readonly row?: number,
  ) {
    super(message);
  }
}

export interface BatchOptions extends LeadInputOptions {
  /** Fields every row shares, from the upload request (not from the file). */
  context: { originBoard: string; submitter: string };
  /** Maximum data rows per file (default 100,000). Rows past it are reported, not dropped silently. */
  maxRows?: number;
  /** Called once per warning as soon as it is known (also collected in `summary.warnings`). */
  onWarning?: (warning: BatchWarning) => void;
}

export const DEFAULT_MAX_ROWS = IMPORT_LIMITS.maxRows;

/** An async iterable of row results that also exposes live counters. Iterate it once. */
export interface LeadBatch extends AsyncIterable<RowResult> {
  readonly summary: BatchSummary;
}

const EXPECTED = LEAD_COLUMNS.map((c) => c.header).join('、');
const REQUIRED = LEAD_COLUMNS.filter((c) => c.required);
const BY_KEY = new Map<string, LeadColumnKey>();
for (const c of LEAD_COLUMNS) for (const h of [c.header, ...c.aliases]) BY_KEY.set(headerKey(h), c.key);

/** Where each known column sits in the sheet. */
export type HeaderMap = Partial<Record<LeadColumnKey, number>>;

/** Match a header row; throws `BatchFileError` when a required column is missing or one appears twice. */
export function resolveHeader(cells: readonly string[], row = 1): { columns: HeaderMap; unknown: string[] } {
  const width = usedWidth(cells);
  if (width > IMPORT_LIMITS.maxColumns) {
    throw new BatchFileError('too-many-columns', `第 ${row} 行表头有 ${width} 列，超过 ${IMPORT_LIMITS.maxColumns} 列的上限；请只保留模板中的列`, row);
  }
  const columns: HeaderMap = {};
  const unknown: string[] = [];
  cells.forEach((cell, i) => {
    const key = BY_KEY.get(headerKey(cell));
    if (key === undefined) {
      if (cell.trim() !== '') unknown.push(cell.trim());
      return;
    }
    if (columns[key] !== undefined) {
      const label = LEAD_COLUMNS.find((c) => c.key === key)!.header;
      throw new BatchFileError('duplicate-columns', `第 ${row} 行表头中“${label}”列出现了两次，请删除多余的一列`, row);
    }
    columns[key] = i;
  });
  const missing = REQUIRED.filter((c) => columns[c.key] === undefined);
  if (missing.length) {
    throw new BatchFileError(
      'missing-columns',
      `缺少必填列：${missing.map((c) => c.header).join('、')}。第 ${row} 行应为表头，可用的列为：${EXPECTED}（也接受英文列名 ${LEAD_COLUMNS.map((c) => c.aliases[0]).join(', ')}）。请下载导入模板对照填写。`,
      row,
    );
  }
  return { columns, unknown };
}

const isBlankRow = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Cells up to the last non-empty one (Excel pads rows with empty cells). */
function usedWidth(cells: readonly string[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1]!.trim() === '') n--;
  return n;
}

/** The row-level limits: too many cells, or a cell too long. */
function rowLimitError(cells: readonly string[]): FieldError | undefined {
  const width = usedWidth(cells);
  if (width > IMPORT_LIMITS.maxColumns) return { field: 'row', message: `本行有 ${width} 个单元格，超过 ${IMPORT_LIMITS.maxColumns} 列的上限，本行未导入` };
  for (let i = 0; i < width; i++) {
    if (cells[i]!.length > IMPORT_LIMITS.maxCellChars) {
      return { field: 'row', message: `第 ${columnLetters(i)} 列的内容超过 ${IMPORT_LIMITS.maxCellChars} 个字符的上限，本行未导入；项目描述最多 5000 字` };
    }
  }
  return undefined;
}

/** 0 → A, 26 → AA: the column as Excel names it. */
function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Turn one data row into the raw object `parseLeadInput` takes. */
export function rowToRaw(cells: readonly string[], columns: HeaderMap, context: BatchOptions['context']): Record<string, unknown> {
  const get = (k: LeadColumnKey) => {
    const i = columns[k];
    const v = i === undefined ? undefined : cells[i];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  const amount = get('amount');
  const unit = get('amountUnit');
  const name = get('contactName');
  const phone = get('contactPhone');
  const email = get('contactEmail');
  return {
    company: get('company'),
    creditCode: get('creditCode'),
    description: get('description'),
    sector: get('sector'),
    // A unit without an amount (a pre-filled unit column) means no amount.
    amount: amount === undefined ? undefined : unit === undefined ? amount : { value: amount, unit },
    landMu: get('landMu'),
    channel: get('channel'),
    contacts: name ?? phone ?? email ? [{ name, phone, email }] : undefined,
    originBoard: context.originBoard,
    submitter: context.submitter,
  };
}

/** Row errors read better with the column header than with a field path: `contacts.0.phone` → `联系电话`. */
function rowField(field: string): string {
  const m = /^contacts\.0\.(name|phone|email)$/.exec(field);
  if (m) return { name: 'contactName', phone: 'contactPhone', email: 'contactEmail' }[m[1] as 'name' | 'phone' | 'email'];
  return field;
}

/** A rejected row as the user wrote it, [header, cell] in file order (within rowLimitError's bounds already). */
function sourceOf(header: readonly string[], cells: readonly string[]): [string, string][] {
  const n = Math.max(usedWidth(header), usedWidth(cells));
  const out: [string, string][] = [];
  for (let i = 0; i < n; i++) out.push([header[i]?.trim() || `第 ${i + 1} 列`, cells[i] ?? '']);
  return out;
}

const EXAMPLE_DESCRIPTION = LEAD_COLUMNS.find((c) => c.key === 'description')!.example;

/** Drive a sheet's rows through header matching and validation. */
export function readBatch(rows: AsyncIterable<SheetRow>, options: BatchOptions): LeadBatch {
  const summary: BatchSummary = { rows: 0, accepted: 0, rejected: 0, blank: 0, overLimit: 0, warnings: [], done: false };
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const leadOptions: LeadInputOptions = {
    ...(options.boards ? { boards: options.boards } : {}),
    ...(options.usdToCny ? { usdToCny: options.usdToCny } : {}),
  };
  let started = false;

  async function* run(): AsyncGenerator<RowResult> {
    if (started) throw new Error('a LeadBatch can be iterated only once');
    started = true;
    let header: { columns: HeaderMap; cells: readonly string[] } | undefined;
    let lastRow = 0;
    for await (const { row, cells, problem } of rows) {
      if (header === undefined) {
        if (problem) throw new BatchFileError('not-utf8', `表头（第 ${row} 行）无法读取：${problem.message}`, row);
        if (isBlankRow(cells)) continue; // blank lines above the header
        const resolved = resolveHeader(cells, row);
        header = { ...resolved, cells };
        if (resolved.unknown.length) {
          const warning: BatchWarning = {
            code: 'unknown-columns',
            columns: resolved.unknown,
            message: `以下列无法识别，已忽略：${resolved.unknown.join('、')}。可用的列为：${EXPECTED}`,
          };
          summary.warnings.push(warning);
          options.onWarning?.(warning);
        }
        lastRow = row;
        continue;
      }
      // XLSX readers skip empty rows entirely: the gap in row numbers is the count of blank rows.
      if (row > lastRow + 1) summary.blank += row - lastRow - 1;
      lastRow = row;
      if (!problem && isBlankRow(cells)) {
        summary.blank++;
        continue;
      }
      summary.rows++;
      if (summary.rows > maxRows) {
        summary.overLimit++;
        summary.rejected++;
        yield {
          row,
          ok: false,
          errors: [{ field: 'row', message: `超过单个文件 ${maxRows} 行的上限，本行未导入，请把剩余的行拆分到另一个文件再上传` }],
        };
        continue;
      }
      const unreadable = problem ?? rowLimitError(cells);
      if (unreadable) {
        summary.rejected++;
        yield { row, ok: false, errors: [unreadable] };
        continue;
      }
      const raw = rowToRaw(cells, header.columns, options.context);
      if (raw.description === EXAMPLE_DESCRIPTION) {
        summary.rejected++;
        yield { row, ok: false, errors: [{ field: 'row', message: '这是导入模板中的示例行，请删除后再上传' }], source: sourceOf(header.cells, cells) };
        continue;
      }
      const r = parseLeadInput(raw, leadOptions);
      if (r.ok) {
        summary.accepted++;
        yield { row, ok: true, lead: r.lead };
      } else {
        summary.rejected++;
        yield { row, ok: false, errors: r.errors.map((e) => ({ ...e, field: rowField(e.field) })), source: sourceOf(header.cells, cells) };
      }
    }
    if (header === undefined) {
      throw new BatchFileError('empty-file', `文件是空的，没有找到表头。第 1 行应为表头：${EXPECTED}`);
    }
    if (summary.rows === 0) {
      const warning: BatchWarning = { code: 'no-data-rows', message: '文件只有表头，没有数据行：没有导入任何线索。请在表头下方逐行填写线索后重新上传' };
      summary.warnings.push(warning);
      options.onWarning?.(warning);
    }
    summary.done = true;
  }

  return { summary, [Symbol.asyncIterator]: run };
}
