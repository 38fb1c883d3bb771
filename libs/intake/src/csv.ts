import { parse, type CsvError } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';
import { BatchFileError, readBatch, type BatchOptions, type LeadBatch, type SheetRow } from './batch.js';

/**
 * CSV import. The bytes must be UTF-8 (a BOM is allowed and removed): they are decoded strictly, and the
 * first invalid sequence stops the import with a file-level error that tells the person how to re-save
 * the file (GBK from older Excel, UTF-16 "Unicode text"). No transcoding library is involved.
 *
 * Row numbers: each CSV record is one sheet row, as Excel shows it (a quoted cell with line breaks is
 * still one row), the header is row 1, blank lines count. Quotes are relaxed (`5"寸` inside an unquoted
 * cell is kept literally) and rows may have fewer or more cells than the header. An unclosed quote swallows
 * the rest of the file, so it is a file-level error naming the row where the quote opened; rows before
 * it have already been yielded.
 */

/** A single CSV record larger than this (in characters) stops the import: protects memory from hostile files. */
export const MAX_CSV_RECORD_CHARS = 1_000_000;

async function* decodeUtf8(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    if (first && chunk.length >= 4 && chunk[0] === 0x50 && chunk[1] === 0x4b && chunk[2] === 0x03 && chunk[3] === 0x04) {
      throw new BatchFileError('wrong-format', '这是一个 XLSX（Excel 工作簿）文件，不是 CSV：请按 XLSX 格式上传，或在 Excel 中另存为“CSV UTF-8（逗号分隔）”');
    }
    first = false;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw notUtf8();
    }
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw notUtf8();
  }
}

function notUtf8(): BatchFileError {
  return new BatchFileError(
    'not-utf8',
    '文件不是 UTF-8 编码（可能是 GBK 或 UTF-16），中文会变成乱码。请在 Excel 中“另存为”并选择“CSV UTF-8（逗号分隔）”，或直接上传 XLSX 文件',
  );
}

/** The rows of a CSV file, header included, one at a time. */
export async function* csvRows(input: Readable): AsyncGenerator<SheetRow> {
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD_CHARS,
  });
  pipeline(Readable.from(decodeUtf8(input), { objectMode: false }), parser, () => {
    /* errors surface through the iteration below */
  });
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record };
    }
  } catch (e) {
    if (e instanceof BatchFileError) throw e;
    const code = (e as CsvError).code;
    const at = row + 1;
    if (code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new BatchFileError('malformed-csv', `第 ${at} 行有未闭合的双引号，从这一行起无法读取。请检查该行的引号是否成对，修正后重新上传第 ${at} 行及以后的行`, at);
    }
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new BatchFileError('malformed-csv', `第 ${at} 行超过 ${MAX_CSV_RECORD_CHARS} 个字符，可能是引号未闭合或文件不是 CSV`, at);
    }
    throw new BatchFileError('malformed-csv', `第 ${at} 行无法按 CSV 解析（${(e as Error).message}），请检查文件格式`, at);
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/** Read leads from a CSV upload. See `readBatch` for what is yielded and counted. */
export function readCsvLeads(input: Readable, options: BatchOptions): LeadBatch {
  return readBatch(csvRows(input), options);
}
