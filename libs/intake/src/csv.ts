import { parse, type CsvError } from 'csv-parse';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { BatchFileError, readBatch, type BatchOptions, type LeadBatch, type SheetRow } from './batch.js';
import { decodeLines, detectEncoding, ENCODING_NAMES, type Detected, type TextEncoding } from './encoding.js';
import { IMPORT_LIMITS } from './limits.js';

/**
 * CSV import. The encoding (UTF-8 with or without BOM, GBK/GB18030, UTF-16 LE/BE) is decided once per
 * file (`encoding.ts`) and bytes are decoded line by line: a line that does not decode makes its row a
 * row error with its number, and every other row is read as usual.
 *
 * Row numbers: each CSV record is one sheet row, as Excel shows it (a quoted cell with line breaks is
 * still one row), the header is row 1, blank lines count. Quotes are relaxed (`5"寸` inside an unquoted
 * cell is kept literally) and rows may have fewer or more cells than the header. An unclosed quote swallows
 * the rest of the file, so it is a file-level error naming the row where the quote opened; rows before
 * it have already been yielded.
 */

/** A single CSV record larger than this (in characters) stops the import: protects memory from hostile files. */
export const MAX_CSV_RECORD_CHARS = IMPORT_LIMITS.maxCsvRecordChars;

const HEAD_BYTES = 64 * 1024;

/** Bytes, with the first `HEAD_BYTES` (or the whole file if shorter) handed to `onHead` before any is passed on. */
async function* withHead(input: AsyncIterable<Buffer | string>, onHead: (head: Buffer) => void): AsyncGenerator<Buffer> {
  const held: Buffer[] = [];
  let size = 0;
  let decided = false;
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    if (decided) {
      yield chunk;
      continue;
    }
    held.push(chunk);
    size += chunk.length;
    if (size >= HEAD_BYTES) {
      decided = true;
      onHead(Buffer.concat(held));
      yield* held;
    }
  }
  if (!decided) {
    onHead(Buffer.concat(held));
    yield* held;
  }
}

/** The rows of a CSV file, header included, one at a time. */
export async function* csvRows(input: Readable, onEncoding?: (encoding: TextEncoding) => void): AsyncGenerator<SheetRow> {
  let detected: Detected = { encoding: 'utf-8', bomLength: 0 };
  const badLines = new Set<number>();
  const bytes = withHead(input, (head) => {
    if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
      throw new BatchFileError('wrong-format', '这是一个 XLSX（Excel 工作簿）文件，不是 CSV：请按 XLSX 格式上传，或在 Excel 中另存为“CSV UTF-8（逗号分隔）”');
    }
    detected = detectEncoding(head);
    onEncoding?.(detected.encoding);
  });
  async function* text(): AsyncGenerator<string> {
    // `detected` is set by the time the first chunk reaches decodeLines: withHead decides before yielding.
    const it = bytes[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done) return;
    async function* all(): AsyncGenerator<Buffer> {
      yield first.value!;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    }
    for await (const block of decodeLines(all(), detected, MAX_CSV_RECORD_CHARS * 4, (line) => tooLong(line))) {
      for (const l of block.badLines) badLines.add(l);
      if (block.text) yield block.text;
    }
  }
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD_CHARS,
    raw: true,
  });
  // Driven by hand, not piped: the records parsed before an error (an unclosed quote at the end) are kept.
  type Rec = { record: string[]; raw: string };
  const queue: Rec[] = [];
  let parseError: Error | undefined;
  parser.on('data', (r: Rec) => queue.push(r));
  parser.on('error', (e: Error) => (parseError ??= e));
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('close', resolve);
  });
  async function* records(): AsyncGenerator<Rec> {
    for await (const t of text()) {
      await new Promise<void>((resolve) => parser.write(t, () => resolve()));
      while (queue.length) yield queue.shift()!;
      if (parseError) throw parseError;
    }
    parser.end();
    await ended;
    while (queue.length) yield queue.shift()!;
    if (parseError) throw parseError;
  }
  let row = 0;
  let line = 0; // the last physical line read
  try {
    for await (const { record, raw } of records()) {
      row++;
      const first = line + 1;
      line = first + countNewlines(raw);
      let undecodable = false;
      if (badLines.size) {
        for (let l = first; l <= line; l++) if (badLines.delete(l)) undecodable = true;
      }
      if (undecodable) {
        const message = `第 ${row} 行有无法按 ${ENCODING_NAMES[detected.encoding]} 解码的字节（可能混入了其他编码的文字），本行未导入；请在原表中修正该行后单独重新上传`;
        yield { row, cells: record, problem: { field: 'row', message } };
      } else yield { row, cells: record };
    }
  } catch (e) {
    if (e instanceof BatchFileError) throw e;
    const code = (e as CsvError).code;
    const at = row + 1;
    if (code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new BatchFileError('malformed-csv', `第 ${at} 行有未闭合的双引号，从这一行起无法读取。请检查该行的引号是否成对，修正后重新上传第 ${at} 行及以后的行`, at);
    }
    if (code === 'CSV_MAX_RECORD_SIZE') throw tooLong(at);
    throw new BatchFileError('malformed-csv', `第 ${at} 行无法按 CSV 解析（${(e as Error).message}），请检查文件格式`, at);
  } finally {
    input.destroy();
    parser.destroy();
  }
}

function tooLong(row: number): BatchFileError {
  return new BatchFileError('malformed-csv', `第 ${row} 行超过 ${MAX_CSV_RECORD_CHARS} 个字符，可能是引号未闭合或文件不是 CSV；从这一行起无法读取`, row);
}

/** Line breaks inside a record's raw text (csv-parse's raw keeps a final `\n`, but of `\r\n` only the `\r`). */
function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return s.endsWith('\n') ? n - 1 : n;
}

/** Read leads from a CSV upload. See `readBatch` for what is yielded and counted. */
export function readCsvLeads(input: Readable, options: BatchOptions): LeadBatch {
  const batch: LeadBatch = readBatch(
    csvRows(input, (e) => (batch.summary.encoding = ENCODING_NAMES[e])),
    options,
  );
  return batch;
}

/** An uploaded CSV file. */
export function readCsvFile(path: string, options: BatchOptions): LeadBatch {
  return readCsvLeads(createReadStream(path), options);
}
