import { open } from 'node:fs/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { BatchFileError } from './batch.js';
import { IMPORT_LIMITS, megabytes } from './limits.js';

/**
 * Before an XLSX is parsed, its zip entries are inflated once and counted, output discarded: a zip bomb
 * (1.6 GB of shared strings in a few MB) is refused after inflating at most the limit, in constant memory.
 * Declared sizes are checked first but not trusted (a crafted zip may declare anything).
 */
export async function guardXlsxSize(path: string, limits = IMPORT_LIMITS): Promise<void> {
  const entries = await centralDirectory(path, limits.maxXlsxEntries);
  const tooLarge = (name: string) =>
    new BatchFileError(
      'too-large',
      `XLSX 文件解压后超过 ${megabytes(limits.maxXlsxUnzippedBytes)} 的上限（在 ${name} 处），可能是异常文件或包含大量无关内容；请删除多余的工作表和内容，或拆分为多个文件后再上传`,
    );
  let declared = 0;
  for (const e of entries) {
    declared += e.size;
    if (declared > limits.maxXlsxUnzippedBytes) throw tooLarge(e.name);
  }
  let total = 0;
  const fh = await open(path, 'r');
  try {
    for (const e of entries) {
      if (e.compressedSize === 0) continue;
      const local = Buffer.alloc(30);
      await fh.read(local, 0, 30, e.localOffset);
      if (local.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
      const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (e.method === 0) {
        total += e.compressedSize;
        if (total > limits.maxXlsxUnzippedBytes) throw tooLarge(e.name);
        continue;
      }
      if (e.method !== 8) throw notXlsx();
      total = await inflateCounting(path, start, e.compressedSize, total, limits.maxXlsxUnzippedBytes, () => tooLarge(e.name));
    }
  } finally {
    await fh.close();
  }
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

async function centralDirectory(path: string, maxEntries: number): Promise<Entry[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 65535);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw notXlsx();
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw new BatchFileError('too-large', `XLSX 文件过大（ZIP64 格式），超过 ${megabytes(IMPORT_LIMITS.maxUploadBytes)} 的导入上限；请拆分为多个文件后再上传`);
    }
    if (count > maxEntries) throw new BatchFileError('too-large', `XLSX 文件内含 ${count} 个部件，超过 ${maxEntries} 个的上限，可能是异常文件；请另存为新的工作簿后再上传`);
    if (cdOffset + cdSize > size) throw notXlsx();
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: Entry[] = [];
    for (let p = 0; entries.length < count; ) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw notXlsx();
      const nameLength = cd.readUInt16LE(p + 28);
      entries.push({
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
        name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      });
      p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Inflate one entry, counting output bytes from `total`; stops as soon as the count passes `limit`. */
function inflateCounting(path: string, start: number, length: number, total: number, limit: number, tooLarge: () => Error): Promise<number> {
  return new Promise((resolve, reject) => {
    const source = createReadStream(path, { start, end: start + length - 1 });
    const inflate = createInflateRaw();
    let settled = false;
    const finish = (e?: Error) => {
      if (settled) return;
      settled = true;
      source.destroy();
      inflate.destroy();
      if (e) reject(e);
      else resolve(total);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) finish(tooLarge());
    });
    inflate.on('end', () => finish());
    inflate.on('error', () => finish(notXlsx()));
    source.on('error', (e) => finish(e));
    source.pipe(inflate);
  });
}

/**
 * One entry of a zip (e.g. an Office file's [Content_Types].xml), inflated up to `maxBytes`; undefined when
 * the zip has no such entry. Call guardXlsxSize first: it checks the whole archive.
 */
export async function readZipEntry(path: string, name: string, maxBytes: number): Promise<Buffer | undefined> {
  const entry = (await centralDirectory(path, IMPORT_LIMITS.maxXlsxEntries)).find((e) => e.name === name);
  if (!entry || entry.size > maxBytes) return undefined;
  const fh = await open(path, 'r');
  let raw: Buffer;
  try {
    const local = Buffer.alloc(30);
    await fh.read(local, 0, 30, entry.localOffset);
    if (local.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
    raw = Buffer.alloc(entry.compressedSize);
    await fh.read(raw, 0, entry.compressedSize, entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28));
  } finally {
    await fh.close();
  }
  if (entry.method === 0) return raw;
  if (entry.method !== 8) return undefined;
  try {
    return inflateRawSync(raw, { maxOutputLength: maxBytes });
  } catch {
    return undefined;
  }
}

/** The file-level error for a file that is not a readable workbook. */
export function notXlsx(): BatchFileError {
  return new BatchFileError(
    'not-xlsx',
    '无法读取该 XLSX 文件：文件已损坏，或不是 .xlsx 格式（旧版 .xls 请在 Excel 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”后再上传）',
  );
}
