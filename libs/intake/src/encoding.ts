/**
 * Text encodings of CSV uploads, decided once per file and applied line by line.
 *
 * Excel on Chinese Windows saves "CSV (逗号分隔)" as GBK, "Unicode 文本" as UTF-16 LE with a BOM, and
 * "CSV UTF-8" with a BOM. The file's encoding comes from its BOM, else from a sample: UTF-16 without a
 * BOM shows the NUL bytes of its ASCII characters (commas, line breaks) on one side of each pair; otherwise the lines with non-ASCII bytes vote, and UTF-8
 * wins when at least half of them are valid UTF-8 (GBK text is almost never valid UTF-8, while any
 * UTF-8 text also "decodes" as GB18030, so the order matters).
 *
 * Decoding is strict per physical line: a line that is not valid in the file's encoding is decoded with
 * replacement characters (its commas and quotes are ASCII and stay where they are, so the CSV structure
 * holds) and its line number is reported, so the row it belongs to becomes a row error and its
 * neighbours are kept.
 */
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GBK/GB18030',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};

export interface Detected {
  encoding: TextEncoding;
  /** Bytes of BOM to skip. */
  bomLength: number;
}

export function detectEncoding(head: Uint8Array): Detected {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs >= 2) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < pairs; i++) {
      if (head[2 * i] === 0) evenNul++;
      if (head[2 * i + 1] === 0) oddNul++;
    }
    // UTF-8 and GBK text has no NUL bytes; UTF-16 has one in each ASCII character (commas, line breaks).
    const some = Math.max(2, pairs * 0.02);
    if (oddNul >= some && evenNul * 10 <= oddNul) return { encoding: 'utf-16le', bomLength: 0 };
    if (evenNul >= some && oddNul * 10 <= evenNul) return { encoding: 'utf-16be', bomLength: 0 };
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let nonAscii = 0;
  let validUtf8 = 0;
  // The sample may end inside a character: only whole lines vote.
  const end = head.lastIndexOf(0x0a);
  for (let start = 0; start < end; ) {
    const nl = head.indexOf(0x0a, start);
    const line = head.subarray(start, nl);
    start = nl + 1;
    if (line.every((b) => b < 0x80)) continue;
    nonAscii++;
    try {
      utf8.decode(line);
      validUtf8++;
    } catch {
      /* counted as not UTF-8 */
    }
  }
  return { encoding: nonAscii > 0 && validUtf8 * 2 < nonAscii ? 'gb18030' : 'utf-8', bomLength: 0 };
}

/** What `decodeLines` yields: text for the CSV parser, and the 1-based physical lines that did not decode. */
export interface DecodedBlock {
  text: string;
  badLines: number[];
}

/**
 * Decode a byte stream in `encoding`, whole lines at a time. A block of complete lines is decoded in one
 * call; only a block that fails is decoded again line by line to find the bad lines.
 * `maxLineBytes` bounds a line that never ends (the caller reports it).
 */
export async function* decodeLines(
  input: AsyncIterable<Uint8Array>,
  { encoding, bomLength }: Detected,
  maxLineBytes: number,
  onLongLine: (line: number) => Error,
): AsyncGenerator<DecodedBlock> {
  const unit = encoding.startsWith('utf-16') ? 2 : 1;
  const be = encoding === 'utf-16be';
  const strict = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const lossy = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  let pending: Buffer = Buffer.alloc(0);
  let skip = bomLength;
  let line = 1; // the physical line the next byte belongs to

  /** The index just past the last line break in `buf` (0 when none). */
  const lastBreak = (buf: Buffer): number => {
    if (unit === 1) return buf.lastIndexOf(0x0a) + 1;
    for (let i = buf.length - (buf.length % 2) - 2; i >= 0; i -= 2) if (isBreak(buf, i)) return i + 2;
    return 0;
  };
  const isBreak = (buf: Buffer, i: number) => (be ? buf[i] === 0 && buf[i + 1] === 0x0a : buf[i] === 0x0a && buf[i + 1] === 0);

  const decodeBlock = (block: Buffer): DecodedBlock => {
    try {
      const text = strict.decode(block);
      line += countBreaks(block);
      return { text, badLines: [] };
    } catch {
      const badLines: number[] = [];
      const parts: string[] = [];
      let start = 0;
      for (let i = 0; i < block.length; i += unit) {
        if (unit === 1 ? block[i] !== 0x0a : !isBreak(block, i)) continue;
        parts.push(decodeLine(block.subarray(start, i + unit), badLines));
        start = i + unit;
      }
      if (start < block.length) parts.push(decodeLine(block.subarray(start), badLines));
      return { text: parts.join(''), badLines };
    }
  };
  const decodeLine = (bytes: Buffer, badLines: number[]): string => {
    const breaks = countBreaks(bytes);
    let text: string;
    try {
      text = strict.decode(bytes);
    } catch {
      badLines.push(line);
      text = lossy.decode(bytes);
    }
    line += breaks;
    return text;
  };
  const countBreaks = (buf: Buffer): number => {
    let n = 0;
    if (unit === 1) for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) n++;
    else for (let i = 0; i + 1 < buf.length; i += 2) if (isBreak(buf, i)) n++;
    return n;
  };

  for await (const chunk of input) {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (skip) {
      const s = Math.min(skip, buf.length);
      buf = buf.subarray(s);
      skip -= s;
    }
    pending = pending.length ? Buffer.concat([pending, buf]) : buf;
    const cut = lastBreak(pending);
    if (cut === 0) {
      if (pending.length > maxLineBytes) throw onLongLine(line);
      continue;
    }
    const block = decodeBlock(pending.subarray(0, cut));
    pending = Buffer.from(pending.subarray(cut));
    if (block.text || block.badLines.length) yield block;
  }
  if (pending.length) {
    const block = decodeBlock(pending);
    if (block.text || block.badLines.length) yield block;
  }
}
