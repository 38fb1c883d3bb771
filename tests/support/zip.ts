import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A zip written by hand, for test files: Office documents (an OOXML package is a zip), and crafted ones
 * (`declaredSize` lies about an entry's unzipped size, as a zip bomb's may).
 */
export function zip(entries: { name: string; data: Buffer | string; declaredSize?: number }[]): Buffer {
  return zipOfPacked(entries.map((e) => {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    return { name: e.name, packed: deflateRawSync(data), size: e.declaredSize ?? data.length, crc: crc32(data) };
  }));
}

/**
 * The zip container around entries already deflated: `size` and `crc` are written as given, so a crafted file can
 * declare what it likes (a zip bomb's stream built from repeated blocks, its sizes honest or not).
 */
export function zipOfPacked(entries: { name: string; packed: Buffer; size: number; crc: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { packed, size, crc } = e;
    const name = Buffer.from(e.name, 'utf8');
    // version 2.0, UTF-8 names, deflate
    const local = record(30, [[0, 4, 0x04034b50], [4, 2, 20], [6, 2, 0x0800], [8, 2, 8], [14, 4, crc], [18, 4, packed.length], [22, 4, size], [26, 2, name.length]]);
    const cd = record(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [8, 2, 0x0800], [10, 2, 8], [16, 4, crc], [20, 4, packed.length], [24, 4, size], [28, 2, name.length], [42, 4, offset]]);
    locals.push(local, name, packed);
    central.push(cd, name);
    offset += 30 + name.length + packed.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = record(22, [[0, 4, 0x06054b50], [8, 2, entries.length], [10, 2, entries.length], [12, 4, cdBuf.length], [16, 4, offset]]);
  return Buffer.concat([...locals, cdBuf, end]);
}

/** A zip header of `size` bytes, zero but for its little-endian fields: [offset, width in bytes, value]. */
function record(size: number, fields: [number, 2 | 4, number][]): Buffer {
  const b = Buffer.alloc(size);
  for (const [at, width, value] of fields) {
    if (width === 2) b.writeUInt16LE(value, at);
    else b.writeUInt32LE(value, at);
  }
  return b;
}

const TYPES = {
  docx: ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
  pptx: ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'],
} as const;

/** A small Word (.docx) or PowerPoint (.pptx) package: [Content_Types].xml naming its main part, and the part. */
export function officeFile(kind: keyof typeof TYPES, text = '项目建议书'): Buffer {
  const [part, type] = TYPES[kind];
  return zip([
    { name: '[Content_Types].xml', data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${type}"/></Types>` },
    { name: part, data: `<?xml version="1.0" encoding="UTF-8"?><doc>${text}</doc>` },
  ]);
}

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
/** A minimal one-page PDF. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
