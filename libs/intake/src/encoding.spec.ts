import { Readable } from 'node:stream';
import { readCsvLeads } from './csv.js';
import { detectEncoding } from './encoding.js';
import type { RowResult } from './batch.js';

const context = { originBoard: 'haian', submitter: 'u-1' };
const HEADER = '企业名称,项目描述,投资额,投资额单位';
const line = (i: number) => `南通测试${i}有限公司,第 ${i} 号项目：碳化硅功率器件封装测试产线,${(i % 9) + 1},亿元`;
/** GBK bytes of a row: Node has no GBK encoder, so the test carries the bytes of a few characters. */
const GBK: Record<string, number[]> = { 项: [0xcf, 0xee], 目: [0xc4, 0xbf], 描: [0xc3, 0xe8], 述: [0xca, 0xf6], 企: [0xc6, 0xf3], 业: [0xd2, 0xb5], 南: [0xc4, 0xcf], 通: [0xcd, 0xa8] };
const gbk = (s: string) => Buffer.from([...s].flatMap((c) => GBK[c] ?? [...Buffer.from(c, 'ascii')]));

async function read(bytes: Buffer, chunk = 64 * 1024) {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const batch = readCsvLeads(Readable.from(chunks), { context });
  const rows: RowResult[] = [];
  for await (const r of batch) rows.push(r);
  return { rows, summary: batch.summary };
}

function utf8File(n: number, bad: Map<number, Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from(HEADER + '\r\n')];
  for (let i = 1; i <= n; i++) parts.push(bad.get(i + 1) ?? Buffer.from(line(i) + '\r\n')); // data row i is sheet row i + 1
  return Buffer.concat(parts);
}

describe('CSV encodings, row by row', () => {
  it('one GBK line at row 150 of a 201-row UTF-8 file is a row error; the 200 other rows are read', async () => {
    const gbkLine = Buffer.concat([gbk('南通企业'), Buffer.from(',第 149 号：'), gbk('项目描述'), Buffer.from('与碳化硅器件生产线建设,2,亿元\r\n')]);
    const { rows, summary } = await read(utf8File(200, new Map([[150, gbkLine]])));
    expect(rows.filter((r) => r.ok)).toHaveLength(199);
    expect(rows.filter((r) => !r.ok)).toEqual([
      { row: 150, ok: false, errors: [{ field: 'row', message: expect.stringContaining('第 150 行有无法按 UTF-8 解码的字节') }] },
    ]);
    expect(summary).toMatchObject({ rows: 200, accepted: 199, rejected: 1, done: true });
  });

  it('bad lines at rows 933 and 972 of 1,000 lose no neighbour, whatever the chunk size', async () => {
    const bad = (i: number) => Buffer.concat([gbk('南通'), Buffer.from(`,第 ${i} 号：`), gbk('项目描述'), Buffer.from('与碳化硅器件生产线,2,亿元\r\n')]);
    for (const chunk of [64 * 1024, 1000, 7]) {
      const { rows } = await read(utf8File(999, new Map([[933, bad(933)], [972, bad(972)]])), chunk);
      expect(rows.filter((r) => !r.ok).map((r) => r.row)).toEqual([933, 972]);
      expect(rows.filter((r) => r.ok)).toHaveLength(997);
      expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 999 }, (_, i) => i + 2));
    }
  });

  it('a bad line inside a quoted multi-line cell fails only its own row', async () => {
    const text = Buffer.concat([
      Buffer.from(`${HEADER}\n${line(1)}\n南通甲,"第 2 号项目：多行描述\n`),
      gbk('项目描述'),
      Buffer.from(`第二行",1,亿元\n${line(3)}\n`),
    ]);
    const { rows } = await read(text);
    expect(rows.map((r) => [r.row, r.ok])).toEqual([[2, true], [3, false], [4, true]]);
  });

  it('reads UTF-16 LE and BE with a BOM, and UTF-16 LE without one', async () => {
    const text = `${HEADER}\r\n${line(1)}\r\n${line(2)}\r\n`;
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), Buffer.concat([Buffer.from([0xfe, 0xff]), be]), le]) {
      const { rows } = await read(bytes, 333); // odd chunk size: characters are split across chunks
      expect(rows.map((r) => r.ok && r.lead.company)).toEqual(['南通测试1有限公司', '南通测试2有限公司']);
    }
  });

  it('reads a whole GBK file, and UTF-8 with a BOM', async () => {
    const header = Buffer.concat([gbk('企业'), Buffer.from(','), gbk('项目描述'), Buffer.from('\r\n')]);
    const rows = [1, 2, 3].map((i) => Buffer.concat([gbk('南通企业'), Buffer.from(`${i},`), gbk('项目描述'), Buffer.from(`: SiC power devices line ${i}\r\n`)]));
    expect(detectEncoding(Buffer.concat([header, ...rows])).encoding).toBe('gb18030');
    const out = await read(Buffer.concat([header, ...rows]));
    expect(out.rows.map((r) => r.ok && r.lead.company)).toEqual(['南通企业1', '南通企业2', '南通企业3']);
    const bom = await read(Buffer.from(`\uFEFF${HEADER}\n${line(7)}\n`));
    expect(bom.rows).toEqual([expect.objectContaining({ row: 2, ok: true, lead: expect.objectContaining({ company: '南通测试7有限公司' }) })]);
  });

  it('a header-only file finishes with a warning that no row was found', async () => {
    const { rows, summary } = await read(Buffer.from(`${HEADER}\r\n\r\n`));
    expect(rows).toEqual([]);
    expect(summary.warnings).toEqual([expect.objectContaining({ code: 'no-data-rows', message: expect.stringContaining('只有表头') })]);
  });

  it('an empty file is a file error that says so', async () => {
    await expect(read(Buffer.alloc(0))).rejects.toMatchObject({ code: 'empty-file', message: expect.stringContaining('文件是空的') });
  });
});
