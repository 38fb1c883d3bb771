import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DATABASE_KINDS } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { platformForSuite } from '../support/platform.js';
import { officeFile, PDF, PNG, zip } from '../support/zip.js';

/**
 * Attachments of a lead (附件, issue 13): types told by content, the size limit, crafted files refused,
 * names kept safely, bytes downloaded as uploaded, and access by the follow-ups' rule. jiafang submits a
 * 第三代半导体 project, so it is offered across boards.
 */
const BOARD = 'jiafang';
const PROMOTER = `promoter:${BOARD}`;

const form = (data: Buffer, name: string, type = 'application/octet-stream') => {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(data)], { type }), name);
  return f;
};

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('投资测算').addRow(['总投资', '12 亿元']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An OLE2 compound file whose directory names a WordDocument stream (how an old .doc begins). */
function oldDoc(stream = 'WordDocument'): Buffer {
  const b = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  Buffer.from(stream, 'utf16le').copy(b, 1024);
  return b;
}

describe.each(DATABASE_KINDS)('lead attachments on %s', (db) => {
  const p = platformForSuite({ db });
  let leadId: string;
  let offer: { id: string; parkId: string; board: string };
  const up = (data: Buffer, name: string, as = PROMOTER, type?: string) => p.call('POST', `/api/leads/${leadId}/attachments`, form(data, name, type), { as });

  beforeAll(async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', BOARD, { sector: '第三代半导体' }), { as: PROMOTER });
    expect(created.status).toBe(201);
    leadId = created.body.id;
    await p.drain();
    offer = (await p.call('GET', `/api/leads/${leadId}`, undefined, { as: PROMOTER })).body.offers.find((o: any) => o.board !== BOARD);
    expect(offer).toBeDefined();
  });

  it('takes PDF, Office (new and old) and images by their content, and gives the same bytes back under the name it was given', async () => {
    const files: [Buffer, string, string][] = [
      [PDF, '项目建议书.pdf', 'application/pdf'],
      [officeFile('docx'), '投资协议（草案）.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [await xlsx(), '投资测算.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [officeFile('pptx'), '推介材料.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
      [oldDoc(), '旧版合同.doc', 'application/msword'],
      [oldDoc('Workbook'), '旧版报表.xls', 'application/vnd.ms-excel'],
      [PNG, '现场照片.png', 'image/png'],
    ];
    for (const [data, name, mediaType] of files) {
      // the browser's content type is ignored: everything is sent as octet-stream
      const r = await up(data, name);
      expect([name, r.status]).toEqual([name, 201]);
      expect(r.body).toMatchObject({ fileName: name, size: data.length, uploaderName: '南通国际家纺产业园区招商专员', canDelete: true });
      const got = await p.fetch(`/api/leads/${leadId}/attachments/${r.body.id}`, { as: PROMOTER });
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toContain(mediaType);
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-disposition')).toBe(`attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
      const bytes = Buffer.from(await got.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    }
    const list = await p.call('GET', `/api/leads/${leadId}/attachments`, undefined, { as: PROMOTER });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: any) => a.fileName).sort()).toEqual(files.map(([, n]) => n).sort());
    expect(list.body.items[0]).toMatchObject({ typeLabel: expect.any(String), uploaderName: '南通国际家纺产业园区招商专员' });
    expect(list.body.items[0].content).toBeUndefined();
  });

  it('an upload is in the lead history with the uploader\'s name, and in the audit log', async () => {
    const r = await up(PDF, '签约备忘录.pdf');
    expect(r.status).toBe(201);
    const detail = await p.call('GET', `/api/leads/${leadId}`, undefined, { as: PROMOTER });
    expect(detail.body.history).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'attachment-added', data: expect.objectContaining({ fileName: '签约备忘录.pdf', byName: '南通国际家纺产业园区招商专员' }) })]));
    const audit = await p.call('GET', `/api/audit?action=${encodeURIComponent('POST /api/leads/:id/attachments')}&targetId=${leadId}&pageSize=50`, undefined, { as: 'manager' });
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((a: any) => a.data.resultId)).toContain(r.body.id);
  });

  it('a download is in the audit log (who, which lead, which file), a refused one is not; the 用户名 filter finds people by their display name too', async () => {
    const r = await up(PDF, '尽职调查报告.pdf');
    expect(r.status).toBe(201);
    const file = `/api/leads/${leadId}/attachments/${r.body.id}`;
    expect((await p.fetch(file, { as: 'manager' })).status).toBe(200);
    expect((await p.fetch(file, { as: PROMOTER })).status).toBe(200);
    expect((await p.fetch(file, { as: 'promoter:haian' })).status).toBe(404);
    const audit = (q: string) => p.call('GET', `/api/audit?action=attachment.download&targetId=${leadId}&pageSize=50${q}`, undefined, { as: 'admin' });
    const all = await audit('');
    expect(all.status).toBe(200);
    const mine = all.body.items.filter((a: any) => a.data.attachmentId === r.body.id);
    expect(mine.map((a: any) => a.username).sort()).toEqual(['manager', 'promoter-jiafang']);
    expect(mine.find((a: any) => a.username === 'manager')).toEqual(expect.objectContaining({ username: 'manager', role: 'manager', targetKind: 'lead', targetId: leadId, method: 'GET', status: 200, data: expect.objectContaining({ fileName: '尽职调查报告.pdf', bytes: PDF.length }) }));
    // The account name as before, the whole display name, a part of it (any case); someone else's name finds none of these.
    for (const who of ['manager', '市科技局', '科技局']) {
      const found = await audit(`&username=${encodeURIComponent(who)}`);
      expect([who, found.body.items.some((a: any) => a.data.attachmentId === r.body.id)]).toEqual([who, true]);
    }
    // Under the promoter's display name: its own download, and nobody else's.
    const promoter = await audit(`&username=${encodeURIComponent('家纺产业园区招商专员')}`);
    expect(promoter.body.items.some((a: any) => a.data.attachmentId === r.body.id)).toBe(true);
    expect(new Set(promoter.body.items.map((a: any) => a.username))).toEqual(new Set(['promoter-jiafang']));
  });

  it('refuses a crafted file, the wrong type, an empty file, no file and a file past 20 MB, each with a Chinese 4xx', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4096, 1)]);
    const bomb = zip([
      { name: '[Content_Types].xml', data: '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
      { name: 'word/document.xml', data: Buffer.alloc(110 * 1024 * 1024), declaredSize: 1000 },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const cases: [Buffer, string, number, string, string][] = [
      [exe, '合同.pdf', 415, 'ATTACHMENT_TYPE_REFUSED', '按文件内容判断'],
      [bomb, '项目建议书.docx', 413, 'ATTACHMENT_TOO_LARGE', '压缩炸弹'],
      [zip([{ name: 'readme.txt', data: '不是 Office 文档' }]), '资料.docx', 415, 'ATTACHMENT_TYPE_REFUSED', 'PDF、Word'],
      [zip([{ name: '[Content_Types].xml', data: '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>' }]), '带宏.docx', 415, 'ATTACHMENT_TYPE_REFUSED', '含宏'],
      [oldDoc('Something'), '旧文件.doc', 415, 'ATTACHMENT_TYPE_REFUSED', 'PDF、Word'],
      [Buffer.from('纯文本内容，不是附件类型'), '说明.txt', 415, 'ATTACHMENT_TYPE_REFUSED', 'PDF、Word'],
      [Buffer.alloc(0), '空文件.pdf', 400, 'ATTACHMENT_MISSING', '空的'],
      [Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]), '超大扫描件.pdf', 413, 'ATTACHMENT_TOO_LARGE', '20 MB'],
    ];
    for (const [data, name, status, code, words] of cases) {
      const r = await up(data, name);
      expect([name, r.status, r.body.code, r.body.message]).toEqual([name, status, code, expect.stringContaining(words)]);
    }
    const none = await p.call('POST', `/api/leads/${leadId}/attachments`, {}, { as: PROMOTER });
    expect([none.status, none.body.code, none.body.message]).toEqual([400, 'ATTACHMENT_MISSING', expect.stringContaining('file')]);
    const names = (await p.call('GET', `/api/leads/${leadId}/attachments`, undefined, { as: PROMOTER })).body.items.map((a: any) => a.fileName);
    for (const [, name] of cases) expect(names).not.toContain(name);
  });

  it('keeps a safe name: no folders or control characters, a bounded length, the extension of the content', async () => {
    const cases: [string, Buffer, string][] = [
      ['../../etc/合同\u202e(签字版)\t.pdf', PDF, '合同(签字版).pdf'],
      ['C:\\Users\\王敏\\Desktop\\现场照片.pdf', PNG, '现场照片.pdf.png'],
      ['……'.repeat(3) + '长'.repeat(300) + '.pdf', PDF, '……'.repeat(3) + '长'.repeat(100 - 6 - 4) + '.pdf'],
      ['   .pdf', PDF, '附件.pdf'],
    ];
    for (const [given, data, kept] of cases) {
      const r = await up(data, given);
      expect([given, r.status, r.body.fileName]).toEqual([given, 201, kept]);
      const got = await p.fetch(`/api/leads/${leadId}/attachments/${r.body.id}`, { as: PROMOTER });
      const header = got.headers.get('content-disposition')!;
      expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1]!)).toBe(kept);
      expect(header).not.toMatch(/[\r\n]/);
    }
  });

  it('follows the lead: another board 404, a park it was only offered to 403, the accepting park in; the uploader or the board deletes', async () => {
    const park = `operator:${offer.parkId}`;
    const mine = await up(PDF, '园区不可见.pdf');
    const url = `/api/leads/${leadId}/attachments`;
    expect((await p.call('GET', url, undefined, { as: 'promoter:haian' })).status).toBe(404);
    expect((await p.fetch(`${url}/${mine.body.id}`, { as: 'promoter:haian' })).status).toBe(404);
    expect((await up(PDF, '越权.pdf', 'promoter:haian')).status).toBe(404);
    const offered = await p.call('GET', url, undefined, { as: park });
    expect([offered.status, offered.body.code]).toEqual([403, 'WORK_LOG_FORBIDDEN']);
    expect((await p.fetch(`${url}/${mine.body.id}`, { as: park })).status).toBe(403);
    expect((await up(PDF, '越权.pdf', 'admin')).status).toBe(403);
    expect((await p.call('GET', url, undefined, { as: 'manager' })).status).toBe(200);

    expect((await p.call('POST', `/api/parks/${offer.parkId}/offers/${offer.id}/accept`, undefined, { as: park })).status).toBe(200);
    const parkFile = await up(PNG, '园区现场.png', park);
    expect([parkFile.status, parkFile.body.canDelete]).toEqual([201, true]);
    const seen = await p.call('GET', url, undefined, { as: park });
    expect(seen.body.items.find((a: any) => a.id === mine.body.id)).toMatchObject({ canDelete: false });
    const refused = await p.call('DELETE', `${url}/${mine.body.id}`, undefined, { as: park });
    expect([refused.status, refused.body.code]).toEqual([403, 'ATTACHMENT_DELETE_FORBIDDEN']);
    expect((await p.call('DELETE', `${url}/${parkFile.body.id}`, undefined, { as: PROMOTER })).status).toBe(200);
    expect((await p.call('DELETE', `${url}/${mine.body.id}`, undefined, { as: PROMOTER })).status).toBe(200);
    expect((await p.fetch(`${url}/${mine.body.id}`, { as: PROMOTER })).status).toBe(404);
    expect((await p.call('DELETE', `${url}/${mine.body.id}`, undefined, { as: PROMOTER })).status).toBe(404);
    const history = (await p.call('GET', `/api/leads/${leadId}`, undefined, { as: PROMOTER })).body.history;
    expect(history).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'attachment-removed', data: expect.objectContaining({ fileName: '园区现场.png' }) })]));
  });
});
