import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTACHMENT_LIMITS, attachmentFileName, AttachmentFileError, sniffAttachment } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'attach-spec-'));
let n = 0;
const file = (data: Buffer) => {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, data);
  return path;
};

describe('attachmentFileName: the name an attachment is kept and downloaded under', () => {
  it.each([
    ['合同.pdf', 'pdf', '合同.pdf'],
    ['../../etc/passwd.pdf', 'pdf', 'passwd.pdf'],
    ['C:\\Users\\王敏\\项目建议书.PDF', 'pdf', '项目建议书.PDF'],
    ['合同\u0000\u0007\u001b扫描件.pdf', 'pdf', '合同扫描件.pdf'],
    ['合同\u202egpj.exe', 'pdf', '合同gpj.exe.pdf'],
    ['照片.pdf', 'jpeg', '照片.pdf.jpg'],
    ['photo.JPEG', 'jpeg', 'photo.JPEG'],
    ['a<b>c:"d"|e?*.docx', 'docx', 'a_b_c__d__e__.docx'],
    ['合同 \t .pdf', 'pdf', '合同.pdf'],
    ['', 'png', '附件.png'],
    ['...', 'png', '附件.png'],
    ['.pdf', 'pdf', '附件.pdf'],
    ['.bashrc', 'pdf', 'bashrc.pdf'],
  ] as const)('%j as %s → %j', (raw, type, kept) => {
    expect(attachmentFileName(raw, type)).toBe(kept);
  });

  it('keeps at most the limit of characters, the extension included', () => {
    const kept = attachmentFileName('长'.repeat(500) + '.xlsx', 'xlsx');
    expect([...kept].length).toBe(ATTACHMENT_LIMITS.maxNameChars);
    expect(kept.endsWith('.xlsx')).toBe(true);
  });
});

describe('sniffAttachment: the type by content', () => {
  it('reads the signatures of PDF, PNG, JPEG and WebP', async () => {
    expect(await sniffAttachment(file(Buffer.from('%PDF-1.7\n%%EOF')))).toBe('pdf');
    expect(await sniffAttachment(file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])))).toBe('png');
    expect(await sniffAttachment(file(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])))).toBe('jpeg');
    expect(await sniffAttachment(file(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])))).toBe('webp');
  });

  it.each([
    ['an executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 'type'],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'type'],
    ['an HTML page', Buffer.from('<html><script>alert(1)</script></html>'), 'type'],
    ['nothing', Buffer.alloc(0), 'empty'],
  ])('refuses %s', async (_, data, reason) => {
    await expect(sniffAttachment(file(data))).rejects.toEqual(expect.objectContaining({ reason }));
    await expect(sniffAttachment(file(data))).rejects.toBeInstanceOf(AttachmentFileError);
  });

  it('refuses a file past the size limit before reading it', async () => {
    await expect(sniffAttachment(file(Buffer.from('%PDF-1.7 ' + 'x'.repeat(100))), { ...ATTACHMENT_LIMITS, maxBytes: 50 })).rejects.toEqual(expect.objectContaining({ reason: 'too-large', message: expect.stringContaining('上限') }));
  });
});
