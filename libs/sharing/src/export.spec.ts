import { historyTable, recordsTable, scheduleTable, toCsv, totalsTable, type ExportTable } from './export.js';
import { revenueShareSchedule } from './schedule.js';
import { computeSharingTotals } from './totals.js';
import { approved, effective, run, proposed, promoterA, operatorB } from './__fixtures__/records.js';

const names = { board: (id: string) => ({ haian: '海安市', rudong: '如东县' })[id], park: (id: string) => (id === 'rudong-dz' ? '如东开发区' : undefined) };

describe('export rows', () => {
  it('shows records with Chinese headers and names', () => {
    const t = recordsTable([effective()], names);
    expect(t.columns.map((c) => c.header)).toEqual(expect.arrayContaining(['线索编号', '来源板块', '承接园区', '税收考核方式', '项目收益分成']));
    expect(t.rows[0]).toMatchObject({
      originBoard: '海安市',
      receivingPark: '如东开发区',
      status: '已生效',
      credit_tax: '分算 50%:50%',
      credit_signed_amount: '双算',
      revenueShare: '30%，首次纳税起 5 年',
      signedOn: '2025-04-01',
    });
  });

  it('names the lead by its code, the people by their names and an amendment by the version it changes, with no record id', () => {
    const v1 = effective();
    const v2 = { ...effective(), id: 'rec-v2', version: 2, supersedes: v1.id };
    const people = { ...names, leadCode: () => 'XS000042', person: (u: string) => (u === v1.submittedBy ? '王敏' : undefined), version: (id: string) => (id === v1.id ? 1 : undefined) };
    const t = recordsTable([v2], people);
    expect(t.rows[0]).toMatchObject({ leadCode: 'XS000042', version: 2, supersedes: '第 1 版', submittedBy: '王敏' });
    expect(JSON.stringify(t.rows)).not.toContain(v1.id);
  });

  it('writes times as Nantong reads them (Asia/Shanghai, to the minute), not UTC ISO instants', () => {
    const r = effective();
    const t = recordsTable([{ ...r, proposedAt: '2025-03-01T16:30:00.000Z' }], names);
    expect(t.rows[0]!['proposedAt']).toBe('2025-03-02 00:30');
    for (const v of Object.values(t.rows[0]!)) expect(String(v)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });

  it('shows totals in 万元 with double and split credit in separate columns and a city row per indicator', () => {
    const r = computeSharingTotals([{ record: effective(), values: { tax: 12_345, signed_amount: 10_000 } }], { from: '2025-01-01', to: '2025-12-31' });
    if (!r.ok) throw new Error();
    const t = totalsTable(r.value, names);
    expect(t.columns.map((c) => c.header)).toEqual(['统计期间', '板块', '指标', '双算计入（万元）', '分算计入（万元）', '合计（万元）', '记录数']);
    expect(t.rows.find((x) => x['board'] === '如东县' && x['indicator'] === '税收')).toMatchObject({ splitCredit: 0.6173, doubleCredit: 0 });
    expect(t.rows.find((x) => x['board'] === '全市（不重复计算）' && x['indicator'] === '签约额')).toMatchObject({ total: 1, doubleCredit: 1 });
  });

  it('shows a pending schedule with the missing start event spelled out', () => {
    const t = scheduleTable(revenueShareSchedule(approved()), approved());
    expect(t.rows).toHaveLength(5);
    expect(t.rows[0]).toMatchObject({ yearIndex: 1, from: '待首次纳税后确定', originShare: '30%' });
  });

  it('lists the history with role and status names', () => {
    const { history } = run(proposed(), [[{ type: 'confirm' }, promoterA], [{ type: 'confirm' }, operatorB]]);
    expect(historyTable(history).rows[1]).toMatchObject({ event: '板块确认', role: '园区运营', fromStatus: '待确认', toStatus: '待审批' });
  });
});

describe('CSV', () => {
  const table: ExportTable = {
    sheetName: 't',
    columns: [
      { key: 'a', header: '名称', width: 10 },
      { key: 'b', header: '金额', width: 10 },
    ],
    rows: [
      { a: '南通,"创新"区', b: -1.5 },
      { a: '=HYPERLINK("http://x")', b: null },
      { a: '+1', b: 0 },
      { a: '-2', b: 3 },
      { a: '@SUM(A1)', b: 4 },
      { a: '第一行\n第二行', b: 5 },
    ],
  };

  it('quotes per RFC 4180 with CRLF lines and a BOM for Excel', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFF名称,金额\r\n')).toBe(true);
    expect(csv).toContain('"南通,""创新""区",-1.5\r\n');
    expect(csv).toContain('"第一行\n第二行",5\r\n');
    expect(toCsv(table, { bom: false }).startsWith('名称')).toBe(true);
  });

  it('neutralises a project name that an outsider typed as a formula', () => {
    const evil = { ...effective(), projectName: '=cmd|"/c calc"!A1' };
    expect(toCsv(recordsTable([evil]))).toContain(`"'=cmd|""/c calc""!A1"`);
  });
});
