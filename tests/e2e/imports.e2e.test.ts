import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

function csvOf(rows: string[][]): string {
  return '\ufeff' + rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
}

const HEADER = ['企业名称', '统一社会信用代码', '项目描述', '所属行业', '投资额', '投资额单位', '用地(亩)', '招商渠道', '联系人', '联系电话', '联系邮箱'];
const SECTORS = [
  '碳化硅功率器件及外延片生产线，车规级功率模块封装测试',
  '氢燃料电池电堆及膜电极生产基地，配套加氢站',
  '合成生物平台公司建设菌种构建与发酵中试基地',
  '高端床品与功能性家纺面料智能制造工厂',
  '工业机器人减速器与伺服系统生产项目',
];

async function upload(p: TestPlatform, body: Buffer | string, filename: string, fields: Record<string, string> = { originBoard: 'haian', submitter: '海安-导入员' }, as = `promoter:${fields.originBoard}`) {
  const form = new FormData();
  form.set('file', new Blob([body]), filename);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return p.call('POST', '/api/imports', form, { as });
}

async function waitDone(p: TestPlatform, id: string) {
  for (let i = 0; i < 600; i++) {
    const s = (await p.call('GET', `/api/imports/${id}`, undefined, { as: 'promoter:haian' })).body;
    if (s.status !== 'running') return s;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('import did not finish');
}

describe('batch import of leads (CSV and XLSX)', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ db: 'postgres', worker: false });
  });
  afterAll(() => p.close());

  it('a malformed row in a batch of 10,000 is reported with its row number; the other 9,999 are kept', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 10000; i++) rows.push([`测试企业${i}有限公司`, '', `${SECTORS[i % SECTORS.length]}（批次${i}）`, '', String(1 + (i % 9)), '亿元', '', '产业链招商', '', '', '']);
    rows[5001]![4] = '-3'; // data row 5001 is sheet row 5002 (the header is row 1)
    const up = await upload(p, csvOf(rows), 'leads.csv');
    expect(up.status).toBe(202);
    const done = await waitDone(p, up.body.id);
    expect(done).toMatchObject({ status: 'done', rowsRead: 10000, rowsOk: 9999, rowsFailed: 1 });
    expect(done.errors).toEqual([{ row: 5002, errors: [expect.objectContaining({ message: expect.stringContaining('投资额') })] }]);
    const list = await p.call('GET', '/api/leads?board=haian&pageSize=1', undefined, { as: 'promoter:haian' });
    expect(list.body.total).toBe(9999);

    // Another board's promoter may not read this board's import.
    expect((await p.call('GET', `/api/imports/${up.body.id}`, undefined, { as: 'promoter:rugao' })).status).toBe(403);
    expect((await p.call('GET', `/api/imports/${up.body.id}/errors.csv`, undefined, { as: 'promoter:rugao' })).status).toBe(403);
    const report = await p.call('GET', `/api/imports/${up.body.id}/errors.csv`, undefined, { as: 'promoter:haian' });
    expect(report.headers.get('content-type')).toContain('text/csv');
    const text = report.body as string;
    expect(text.split('\r\n')[0]).toBe('行号,字段,问题'); // fetch's text() drops the BOM Excel needs
    expect(text).toContain('5002,');
  });

  it('reads XLSX the same way and reports each bad row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('招商线索');
    ws.addRow(HEADER);
    for (let i = 0; i < 300; i++) ws.addRow([`样例企业${i}`, '', `${SECTORS[i % SECTORS.length]}（第${i}号）`, '', 2, '亿元', 50, '科技招商', '', '', '']);
    ws.getRow(11).getCell(3).value = '短'; // description too short at sheet row 11
    ws.getRow(21).getCell(8).value = '微信招商'; // unknown channel at sheet row 21
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(p, buf, '线索.xlsx');
    expect(up.status).toBe(202);
    const done = await waitDone(p, up.body.id);
    expect(done).toMatchObject({ status: 'done', rowsRead: 300, rowsOk: 298, rowsFailed: 2 });
    expect(done.errors.map((e: any) => e.row)).toEqual([11, 21]);
  });

  it('a file-level problem is a clear failure and keeps what was read before it', async () => {
    const missing = await upload(p, csvOf([['企业名称', '投资额'], ['甲', '1']]), 'bad.csv');
    const done = await waitDone(p, missing.body.id);
    expect(done.status).toBe('failed');
    expect(done.fileError).toContain('项目描述');
  });

  it('refuses what is not a lead file, with a message a person can act on', async () => {
    const form = new FormData();
    form.set('originBoard', 'haian');
    form.set('submitter', 'x');
    const noFile = await p.call('POST', '/api/imports', form, { as: 'promoter:haian' });
    expect(noFile.status).toBe(400);
    expect(noFile.body.message).toContain('file');
    const binary = await upload(p, Buffer.from([0, 1, 2, 3, 0, 0]), 'x.bin');
    expect(binary.status).toBe(400);
    expect(binary.body.message).toContain('CSV');
    const board = await upload(p, csvOf([HEADER]), 'a.csv', { originBoard: 'atlantis', submitter: 'x' }, 'manager'); // a promoter cannot even name another board
    expect(board.status).toBe(400);
    expect(board.body.message).toContain('atlantis');
  });

  it('offers templates to download', async () => {
    const csv = await p.call('GET', '/api/imports/template.csv', undefined, { as: 'promoter:haian' });
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('项目描述');
    const xlsx = await fetch(p.url + '/api/imports/template.xlsx'); // a public download
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toContain('说明');
  });
});
