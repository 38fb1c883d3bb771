// @tier medium: 10,000 and 100,000 generated rows (the import limit) take half a minute on a loaded machine; the unit tier stays fast.
import { Readable } from 'node:stream';
import { DEFAULT_MAX_ROWS } from './batch.js';
import { readCsvLeads } from './csv.js';
import { readAll } from './testing/batch.js';

const context = { originBoard: 'rugao', submitter: 'u-2' };
const HEADER = '企业名称,统一社会信用代码,项目描述,所属行业,投资额,投资额单位,用地(亩),招商渠道,联系人,联系电话,联系邮箱';
const VALID_CODE = '91110000802100433B';
const BROKEN_CODE = '91110000802100434B'; // one digit changed

function line(i: number, code = VALID_CODE): string {
  // Every 1000th description spans two physical lines: the row number must still be the sheet row.
  const description = i % 1000 === 0 ? `"第 ${i} 号项目：新能源汽车零部件\n二期扩建"` : `第 ${i} 号项目：新能源汽车零部件生产基地`;
  return `企业${i}有限公司,${code},${description},汽车零部件,${i % 50 + 1},亿元,${i % 200},产业链,张${i},138${String(i).padStart(8, '0')},z${i}@example.com`;
}

describe('readCsvLeads on large files', () => {
  it('reports the one malformed row of 10,000 by its sheet row number and keeps the other 9,999', async () => {
    const badIndex = 4321; // data row 4321 → sheet row 4322
    const lines = [HEADER];
    for (let i = 1; i <= 10_000; i++) lines.push(line(i, i === badIndex ? BROKEN_CODE : VALID_CODE));
    const batch = readCsvLeads(Readable.from([Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`)]), { context });

    const { good, bad } = await readAll(batch);
    expect(good).toBe(9_999);
    expect(bad).toEqual([
      { row: 4322, ok: false, errors: [{ field: 'creditCode', message: '统一社会信用代码校验位不符，请逐位核对是否抄错' }], source: expect.any(Array) },
    ]);
    expect(batch.summary).toMatchObject({ rows: 10_000, accepted: 9_999, rejected: 1, blank: 0, done: true });
  });

  it('streams 100,000 generated rows one at a time with bounded read-ahead', async () => {
    let produced = 0;
    async function* source(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${HEADER}\n`);
      for (let i = 1; i <= 100_000; i++) {
        produced++;
        yield Buffer.from(`${line(i)}\n`);
      }
    }
    let consumed = 0;
    let maxLead = 0;
    let lastRow = 1;
    let outOfOrder = 0;
    let rejected = 0;
    let firstLead: unknown;
    const batch = readCsvLeads(Readable.from(source(), { objectMode: false }), { context });
    for await (const r of batch) {
      consumed++;
      if (!r.ok) rejected++;
      if (r.row !== lastRow + 1) outOfOrder++;
      lastRow = r.row;
      if (consumed === 1) firstLead = r.ok && r.lead;
      maxLead = Math.max(maxLead, produced - consumed);
    }
    expect(consumed).toBe(100_000);
    expect(rejected).toBe(0);
    expect(outOfOrder).toBe(0);
    expect(lastRow).toBe(100_001);
    expect(batch.summary).toMatchObject({ rows: 100_000, accepted: 100_000, rejected: 0, overLimit: 0 });
    // The reader never ran far ahead of the consumer: rows were not all loaded at once.
    expect(maxLead).toBeLessThan(5_000);
    expect(firstLead).toEqual({
      company: '企业1有限公司',
      creditCode: VALID_CODE,
      description: '第 1 号项目：新能源汽车零部件生产基地',
      sector: '汽车零部件',
      amount: { value: 2, unit: '亿元' },
      landMu: 1,
      channel: '产业链招商',
      contacts: [{ name: '张1', phone: '13800000001', email: 'z1@example.com' }],
      originBoard: 'rugao',
      submitter: 'u-2',
    });
  });

  it('has a default limit of 100,000 rows and reports the rows past a limit instead of dropping them', async () => {
    expect(DEFAULT_MAX_ROWS).toBe(100_000);
    async function* source(): AsyncGenerator<string> {
      yield '项目描述\n';
      for (let i = 1; i <= 1_003; i++) yield `第 ${i} 号项目：新能源汽车零部件生产基地\n`;
    }
    const batch = readCsvLeads(Readable.from(source(), { objectMode: false }), { context, maxRows: 1_000 });
    const rejected = [];
    for await (const r of batch) if (!r.ok) rejected.push(r.row);
    expect(rejected).toEqual([1_002, 1_003, 1_004]);
    expect(batch.summary).toMatchObject({ accepted: 1_000, overLimit: 3 });
  });
});
