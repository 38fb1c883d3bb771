import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { BatchFileError, readBatch, type BatchOptions, type LeadBatch, type SheetRow } from './batch.js';
import { guardXlsxSize, notXlsx } from './zip-guard.js';

/**
 * XLSX import with exceljs's streaming `WorkbookReader`: rows are parsed one at a time; shared strings are
 * cached (their size is the count of distinct texts, not of rows) and a worksheet stored before the
 * shared strings in the zip is spooled to a temporary file by exceljs, not held in memory.
 *
 * Only the first worksheet is read (the template's second sheet, 说明, is documentation). Row numbers are
 * the sheet's own row numbers; rows exceljs skips as empty count as blank rows.
 * Cell values are turned into text: numbers as written (`3000`), rich text and hyperlinks by their text,
 * formulas by their cached result, dates as `YYYY-MM-DD`, error cells (`#N/A`) as that text.
 */

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if (typeof o.text === 'string' || typeof o.text === 'object') return cellText(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

/** The rows of the first worksheet, header included, one at a time. */
export async function* xlsxRows(input: Readable): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  let sawSheet = false;
  try {
    for await (const sheet of iterate(reader)) {
      sawSheet = true;
      for await (const row of iterate(sheet)) {
        const values = (row as ExcelJS.Row).values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { row: (row as ExcelJS.Row).number, cells };
      }
      break; // first worksheet only
    }
  } finally {
    input.destroy();
  }
  if (!sawSheet) throw notXlsx();
}

/** Iterate an exceljs reader, turning its low-level failures (bad zip, bad XML) into a file-level error. */
async function* iterate<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let next: IteratorResult<T>;
      try {
        next = await it.next();
      } catch (e) {
        finished = true;
        if (e instanceof BatchFileError) throw e;
        throw notXlsx();
      }
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // The consumer stopped early (first sheet read): let exceljs clean up its generator.
    if (!finished) await it.return?.(undefined).catch(() => undefined);
  }
}


/** Read leads from an XLSX upload. See `readBatch` for what is yielded and counted. */
export function readXlsxLeads(input: Readable, options: BatchOptions): LeadBatch {
  return readBatch(xlsxRows(input), options);
}

/** An uploaded XLSX file: its unzipped size is checked (`guardXlsxSize`) before exceljs parses anything. */
export function readXlsxFile(path: string, options: BatchOptions): LeadBatch {
  async function* rows(): AsyncGenerator<SheetRow> {
    await guardXlsxSize(path);
    yield* xlsxRows(createReadStream(path));
  }
  return readBatch(rows(), options);
}
