import { open, readFile } from 'node:fs/promises';
import { BatchFileError } from './batch.js';
import { ATTACHMENT_LIMITS, IMPORT_LIMITS, megabytes } from './limits.js';
import { stripControlChars } from './text.js';
import { guardXlsxSize, readZipEntry } from './zip-guard.js';

/**
 * The file types a lead's attachments (附件: 项目建议书, 合同扫描件…) may have, told by their content, never by
 * the name or the content type the browser sent: PDF, Office (OOXML zips with the right [Content_Types].xml,
 * old OLE2 .doc/.xls), PNG, JPEG, WebP.
 */
export const ATTACHMENT_TYPES = {
  pdf: { mediaType: 'application/pdf', ext: ['pdf'], label: 'PDF' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['docx'], label: 'Word' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: ['xlsx'], label: 'Excel' },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: ['pptx'], label: 'PowerPoint' },
  doc: { mediaType: 'application/msword', ext: ['doc'], label: 'Word' },
  xls: { mediaType: 'application/vnd.ms-excel', ext: ['xls'], label: 'Excel' },
  png: { mediaType: 'image/png', ext: ['png'], label: '图片' },
  jpeg: { mediaType: 'image/jpeg', ext: ['jpg', 'jpeg'], label: '图片' },
  webp: { mediaType: 'image/webp', ext: ['webp'], label: '图片' },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

export const ATTACHMENT_TYPES_TEXT = 'PDF、Word（.docx/.doc）、Excel（.xlsx/.xls）、PowerPoint（.pptx）或图片（PNG/JPEG/WebP）';

/** Why a file is refused: `type` (not an accepted type, or a crafted one), `too-large`, `empty`. */
export class AttachmentFileError extends Error {
  override readonly name = 'AttachmentFileError';
  constructor(
    readonly reason: 'type' | 'too-large' | 'empty',
    message: string,
  ) {
    super(message);
  }
}

const OOXML_MAIN: ReadonlyArray<readonly [string, AttachmentType]> = [
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml', 'pptx'],
];
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** The type of the file at `path` by its content, or an AttachmentFileError with a Chinese reason. */
export async function sniffAttachment(path: string, limits = ATTACHMENT_LIMITS): Promise<AttachmentType> {
  const fh = await open(path, 'r');
  const head = Buffer.alloc(16);
  let size: number;
  try {
    size = (await fh.stat()).size;
    await fh.read(head, 0, 16, 0);
  } finally {
    await fh.close();
  }
  if (size === 0) throw new AttachmentFileError('empty', '上传的文件是空的（0 字节），请重新选择文件');
  if (size > limits.maxBytes) throw new AttachmentFileError('too-large', `附件超过 ${megabytes(limits.maxBytes)} 的上限，请压缩或拆分后再上传`);
  const refused = new AttachmentFileError('type', `不支持该文件类型：附件须为 ${ATTACHMENT_TYPES_TEXT}（按文件内容判断，改扩展名无效）`);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    // OLE2 compound file: its directory names the stream (UTF-16) of a Word or Excel document
    const all = await readFile(path);
    if (all.includes(utf16('WordDocument'))) return 'doc';
    if (all.includes(utf16('Workbook')) || all.includes(utf16('Book'))) return 'xls';
    throw refused;
  }
  if (head.readUInt32LE(0) === 0x04034b50) {
    try {
      await guardXlsxSize(path, { ...IMPORT_LIMITS, maxXlsxUnzippedBytes: limits.maxUnzippedBytes });
    } catch (e) {
      if (e instanceof BatchFileError && e.code === 'too-large') throw new AttachmentFileError('too-large', `该 Office 文件解压后超过 ${megabytes(limits.maxUnzippedBytes)}，可能是异常文件（压缩炸弹）；请另存为新文件或导出为 PDF 后再上传`);
      if (e instanceof BatchFileError) throw new AttachmentFileError('type', '文件已损坏，或不是可以打开的 Office 文档；请在 Office 中另存后再上传');
      throw e;
    }
    const types = (await readZipEntry(path, '[Content_Types].xml', 1024 * 1024))?.toString('utf8') ?? '';
    // a macro project is never accepted, whatever the main part says
    if (/vbaProject|macroEnabled/i.test(types)) throw new AttachmentFileError('type', '不接受含宏的 Office 文件：请另存为不含宏的 .docx / .xlsx / .pptx 后再上传');
    const hit = OOXML_MAIN.find(([ct]) => types.includes(ct));
    if (hit) return hit[1];
    throw refused;
  }
  throw refused;
}

/**
 * The name a file is kept and downloaded under: no folders, no control or bidi characters, none of the
 * characters Windows refuses, at most `maxNameChars` characters with the extension kept; an extension that
 * does not fit the content gets the right one appended (合同.pdf that is a JPEG → 合同.pdf.jpg).
 */
export function attachmentFileName(raw: string, type: AttachmentType, maxChars: number = ATTACHMENT_LIMITS.maxNameChars): string {
  let s = stripControlChars(raw.normalize('NFC')).replace(/[\u0000-\u001f]/g, ' ');
  s = s.split(/[\\/]/).pop() ?? '';
  s = s.replace(/[<>:"|?*]/g, '_').replace(/\s+/g, ' ').replace(/[.\s]+$/, '');
  const dot = s.lastIndexOf('.');
  const ext = dot >= 0 ? s.slice(dot + 1).toLowerCase() : '';
  const known = (ATTACHMENT_TYPES[type].ext as readonly string[]).includes(ext);
  // no hidden files (.pdf), no trailing dots or spaces before the extension
  let base = (known ? s.slice(0, dot) : s).replace(/^[.\s]+|[.\s]+$/g, '');
  const suffix = known ? s.slice(dot) : `.${ATTACHMENT_TYPES[type].ext[0]}`;
  if (!base.trim()) base = '附件';
  const chars = [...base];
  const room = Math.max(1, maxChars - [...suffix].length);
  if (chars.length > room) base = chars.slice(0, room).join('').trim();
  return base + suffix;
}
