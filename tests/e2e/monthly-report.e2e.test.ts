import ExcelJS from 'exceljs';
import { chinaDate } from '#domain';
import { monthSpan } from '#pipeline';
import { DATABASE_KINDS } from '../support/databases.js';
import { acceptFirstOffer, lead } from '../support/leads.js';
import { platformForSuite } from '../support/platform.js';

/** 月度统计表 (issue 13): per board and per park for a Nantong calendar month, on the page and as the XLSX a manager forwards. */
const BOARD = 'jiafang';

it('a month is the Nantong calendar month (UTC+8), December and leap Februaries included', () => {
  expect(monthSpan('2026-11')).toEqual({ from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z'), firstDay: '2026-11-01', lastDay: '2026-11-30' });
  expect(monthSpan('2026-12').to).toEqual(new Date('2026-12-31T16:00:00Z'));
  expect(monthSpan('2028-02').lastDay).toBe('2028-02-29');
  expect(() => monthSpan('2026-13')).toThrow('YYYY-MM');
});

describe.each(DATABASE_KINDS)('月度统计表 on %s', (db) => {
  const p = platformForSuite({ db });
  let parkId: string;
  let receivingBoard: string;
  const month = chinaDate(new Date()).slice(0, 7);
  const today = chinaDate(new Date());

  beforeAll(async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', BOARD), { as: `promoter:${BOARD}` }); // 20 亿元
    await p.call('POST', '/api/leads', lead('textile', BOARD), { as: `promoter:${BOARD}` }); // 3 亿元
    await p.drain();
    let record: string | undefined;
    ({ parkId, receivingBoard, sharingRecordId: record } = await acceptFirstOffer(p, created.body.id));
    expect((await p.call('POST', `/api/sharing-records/${record}/confirm`, {}, { as: `promoter:${BOARD}` })).status).toBe(200);
    expect((await p.call('POST', `/api/sharing-records/${record}/confirm`, {}, { as: `operator:${parkId}` })).status).toBe(200);
    expect((await p.call('POST', `/api/sharing-records/${record}/approve`, { comment: '同意' }, { as: 'manager' })).status).toBe(200);
    expect((await p.call('POST', `/api/parks/${parkId}/leads/${created.body.id}/stage`, { stage: '签约' }, { as: `operator:${parkId}` })).status).toBe(200);
    expect((await p.call('POST', `/api/parks/${parkId}/leads/${created.body.id}/stage`, { stage: '开工' }, { as: `operator:${parkId}` })).status).toBe(200);
    const values = [{ indicator: 'signed_amount', periodFrom: today, periodTo: today, amountWan: '200000' }];
    expect((await p.call('POST', `/api/sharing-records/${record}/indicators`, { values }, { as: `operator:${parkId}` })).status).toBe(200);
  });

  it('the manager sees every board and park: new leads, offers, acceptance, signed and started with their investment, and the sharing credit', async () => {
    const r = await p.call('GET', `/api/reports/monthly?month=${month}`, undefined, { as: 'manager' });
    expect(r.status).toBe(200);
    expect(r.body.boards).toHaveLength(12);
    expect(r.body.parks).toHaveLength(20);
    const board = r.body.boards.find((b: any) => b.boardId === BOARD);
    expect(board).toMatchObject({ board: '南通国际家纺产业园区', newLeads: 2, newAmountWan: 230000, accepted: 1, acceptanceRate: 100, acceptedAmountWan: 200000, signed: 1, signedAmountWan: 200000, started: 1, startedAmountWan: 200000 });
    expect(board.offers).toBeGreaterThanOrEqual(1);
    const totals = (await p.call('GET', `/api/sharing-records/totals?from=${today}&to=${today}`, undefined, { as: 'manager' })).body;
    const credited = totals.boards.filter((t: any) => t.boardId === BOARD && t.indicator === 'signed_amount').reduce((s: number, t: any) => s + t.total, 0);
    expect(credited).toBeGreaterThan(0);
    expect(board.sharingCredit.signed_amount).toBe(credited);
    expect(r.body.parks.find((x: any) => x.parkId === parkId)).toMatchObject({ accepted: 1, signed: 1, started: 1, signedAmountWan: 200000 });

    const before = (await p.call('GET', '/api/reports/monthly?month=2026-01', undefined, { as: 'manager' })).body;
    expect(before.boards.find((b: any) => b.boardId === BOARD)).toMatchObject({ newLeads: 0, accepted: 0, signed: 0, acceptanceRate: null });
  });

  it('a board sees its own row and its parks, a park only itself; a bad month is a Chinese 400', async () => {
    const promoter = (await p.call('GET', `/api/reports/monthly?month=${month}`, undefined, { as: `promoter:${receivingBoard}` })).body;
    expect(promoter.boards.map((b: any) => b.boardId)).toEqual([receivingBoard]);
    expect(promoter.parks.every((x: any) => x.boardId === receivingBoard)).toBe(true);
    expect(promoter.parks.map((x: any) => x.parkId)).toContain(parkId);
    const park = (await p.call('GET', `/api/reports/monthly?month=${month}`, undefined, { as: `operator:${parkId}` })).body;
    expect([park.boards, park.parks.map((x: any) => x.parkId)]).toEqual([[], [parkId]]);
    const bad = await p.call('GET', '/api/reports/monthly?month=2026-13', undefined, { as: 'manager' });
    expect([bad.status, bad.body.code, bad.body.message]).toEqual([400, 'VALIDATION_FAILED', expect.stringContaining('YYYY-MM')]);
  });

  it('the XLSX has a board sheet and a park sheet with Chinese headers and names, ready to forward', async () => {
    const res = await p.fetch(`/api/reports/monthly.xlsx?month=${month}`, { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent(`月度统计表-${month}`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([`${month} 板块`, `${month} 园区`]);
    const table = (i: number) => {
      const rows: string[][] = [];
      wb.worksheets[i]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, j) => [h, r[j]])));
    };
    expect(table(0).find((r) => r['板块'] === '南通国际家纺产业园区')).toMatchObject({ 新增线索: '2', '签约投资额（万元）': '200000', '利益共享考核·签约额（元）': expect.stringMatching(/^[1-9]\d*$/) });
    expect(table(1)).toHaveLength(20);
    expect(JSON.stringify(table(1))).not.toContain(parkId);
  });
});
