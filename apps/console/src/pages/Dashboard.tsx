import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Col, DatePicker, Row, Statistic, Table, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { type Read } from '../api';
import { useApi } from '../components/useApi';
import { PageHeader } from '../components/PageHeader';
import { Chart } from '../Chart';
import { ProactiveStats } from '../components/ProactiveStats';
import { fmtMinutes, pct } from '../labels';
import { reportApi } from '../requests';

/** The grey segment of the board chart: sectors outside the city's ten largest. */
const OTHER = '其他行业（前 10 以外）';
const PALETTE = ['#1557b0', '#3ba272', '#fac858', '#ee6666', '#73c0de', '#9a60b4', '#fc8452', '#91cc75', '#ea7ccc', '#5470c6', '#bbb'];

function Help({ text }: { text?: string }) {
  return text ? <Tooltip title={text}><QuestionCircleOutlined style={{ color: '#999', marginInlineStart: 4 }} /></Tooltip> : null;
}

export default function Dashboard() {
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const { data: s, error, loading } = useApi<Read<'GET /api/stats/overview'>>(reportApi.overviewPath({ from: range?.[0].format('YYYY-MM-DD'), to: range?.[1].format('YYYY-MM-DD') }));
  const d: Partial<NonNullable<typeof s>['definitions']> = s?.definitions ?? {};

  const charts = useMemo(() => {
    if (!s) return null;
    const boards = s.leadsByBoard as { boardId: string; board: string; leads: number }[];
    const topSectors = (s.leadsBySector as { sector: string; leads: number }[]).slice(0, 10).map((x) => x.sector);
    const bs = s.leadsByBoardSector as { boardId: string; sector: string; leads: number }[];
    const stack = [...topSectors, OTHER].map((sector, i) => ({
      name: sector,
      type: 'bar',
      stack: 'leads',
      itemStyle: { color: PALETTE[i % PALETTE.length] },
      data: boards.map((b) => bs.filter((x) => x.boardId === b.boardId && (sector === OTHER ? !topSectors.includes(x.sector) : x.sector === sector)).reduce((a, x) => a + x.leads, 0)),
    })).filter((se) => se.data.some((v) => v > 0));
    const parks = (s.parks as any[]).slice().sort((a, b) => b.offers - a.offers);
    // The unit the slowest park's median reads best in: answers often come within minutes, where hours round to 0.
    const slowest = Math.max(0, ...parks.map((p) => p.medianResponseMinutes ?? 0));
    const [unit, per] = slowest >= 120 ? ['小时', 60] : slowest >= 2 ? ['分钟', 1] : ['秒', 1 / 60];
    const response = (p: any) => (p.medianResponseMinutes === null || p.medianResponseMinutes === undefined ? null : Math.round((p.medianResponseMinutes / per) * 10) / 10);
    return {
      boardSector: (width: number) => {
        // A plain legend, every entry shown (a paged one hid what the grey 其他 segment is), as many rows as it needs.
        const names = stack.map((x) => x.name);
        let rows = 1;
        let x = 0;
        for (const n of names) {
          const w = 14 + 5 + n.length * 12 + 10; // symbol, gap, 12 px characters, item gap
          if (x > 0 && x + w > width - 16) { rows++; x = 0; }
          x += w;
        }
        return {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { type: 'plain', top: 0, left: 8, right: 8, itemWidth: 14, itemGap: 10 },
          grid: { left: 8, right: 16, bottom: 8, top: 30 + rows * 22, containLabel: true },
          xAxis: { type: 'category', data: boards.map((b) => b.board), axisLabel: { interval: 0, rotate: width < 600 ? 60 : 30 } },
          // The name starts at the axis line: centred on it, its first character fell outside the canvas.
          yAxis: { type: 'value', name: '线索数', minInterval: 1, nameTextStyle: { align: 'left' } },
          series: stack,
        };
      },
      sector: (width: number) => ({
        tooltip: { trigger: 'item', formatter: '{b}：{c} 条（{d}%）' },
        series: [{
          type: 'pie',
          radius: width < 420 ? ['28%', '48%'] : ['36%', '60%'],
          avoidLabelOverlap: true,
          data: (s.leadsBySector as any[]).slice(0, 10).map((x) => ({ name: x.sector, value: x.leads })),
          // Whole sector names: wrapped onto a second line instead of cut to "…".
          label: { formatter: '{b}\n{c} 条', width: width < 420 ? 72 : 110, overflow: 'break', lineHeight: 16 },
          labelLine: { length: 8, length2: 6 },
        }],
      }),
      funnel: {
        tooltip: { trigger: 'item', formatter: '{b}：{c}' },
        series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '8%', gap: 2, label: { position: 'inside', formatter: '{b}  {c}' }, data: (s.funnel as any[]).map((f) => ({ name: f.step, value: f.count })) }],
      },
      acceptance: (width: number) => ({
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: undefined },
        // The legend above the plot, clear of the rotated park names under it.
        legend: { data: ['接收率', `响应时间中位数（${unit}）`], top: 0 },
        grid: { left: 8, right: 16, bottom: 8, top: 64, containLabel: true },
        xAxis: { type: 'category', data: parks.map((p) => p.park), axisLabel: { interval: 0, rotate: width < 600 ? 70 : 40 } },
        yAxis: [
          { type: 'value', name: '接收率 %', max: 100, axisLabel: { formatter: '{value}%' } },
          { type: 'value', name: unit, min: 0, splitLine: { show: false }, },
        ],
        series: [
          { name: '接收率', type: 'bar', data: parks.map((p) => (p.acceptanceRate === null ? null : Math.round(p.acceptanceRate * 100))), tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) } },
          { name: `响应时间中位数（${unit}）`, type: 'line', yAxisIndex: 1, connectNulls: false, data: parks.map(response), tooltip: { valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v} ${unit}`) } },
        ],
      }),
      fit: {
        tooltip: { trigger: 'axis', formatter: (ps: any[]) => `${ps[0].name}<br/>产业契合度 ${ps[0].value ?? '—'}%` },
        grid: { left: 8, right: 24, bottom: 8, top: 16, containLabel: true },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', data: (s.parks as any[]).map((p) => p.park), inverse: true, axisLabel: { interval: 0 } },
        series: [{ type: 'bar', data: (s.parks as any[]).map((p) => (p.fit === null ? null : Math.round(p.fit * 100))), itemStyle: { color: '#3ba272' }, label: { show: true, position: 'right', formatter: '{c}%' } }],
      },
    };
  }, [s]);

  // The tables come one frame after the charts: their first render (antd's styles) would hold the charts back.
  const [tables, setTables] = useState(false);
  useEffect(() => {
    if (!charts && !error) return;
    const f = requestAnimationFrame(() => setTimeout(() => setTables(true)));
    return () => cancelAnimationFrame(f);
  }, [charts, error]);

  const totalLeads = s?.funnel?.[0]?.count ?? 0;
  const accepted = s?.parks?.reduce((a: number, p: any) => a + p.accepted, 0) ?? 0;
  const decided = s?.parks?.reduce((a: number, p: any) => a + p.accepted + p.declined, 0) ?? 0;
  const overdue = s?.parks?.reduce((a: number, p: any) => a + p.overdue, 0) ?? 0;

  return (
    <>
      <PageHeader title="全市看板" sub="线索来源、园区响应、项目推进与产业契合度（特色园区年度动态评估指标）" extra={<DatePicker.RangePicker value={range} onChange={(r) => setRange(r as [Dayjs, Dayjs] | null)} placeholder={['提交起始日', '提交截止日']} />} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Row gutter={16} style={{ marginBottom: 16 }} className="pm-kpi">
        <Col xs={12} md={6}><Card loading={loading && !s}><Statistic title="线索总数" value={totalLeads} suffix="条" /></Card></Col>
        <Col xs={12} md={6}><Card loading={loading && !s}><Statistic title={<>推荐接收率<Help text={d.acceptanceRate} /></>} value={decided ? (accepted / decided) * 100 : 0} precision={1} suffix="%" /></Card></Col>
        <Col xs={12} md={6}><Card loading={loading && !s}><Statistic title="投产项目" value={s?.funnel?.[5]?.count ?? 0} suffix="个" /></Card></Col>
        <Col xs={12} md={6}><Card loading={loading && !s}><Statistic title="待研判 / 超时未答复" value={`${s?.review ?? 0} / ${overdue}`} /></Card></Col>
      </Row>
      {charts && (
        <>
          <Row gutter={16}>
            <Col xs={24} xl={15}><Card title="各板块线索数（按行业）" style={{ marginBottom: 16 }}><Chart option={charts.boardSector} height={340} testId="chart-board-sector" /></Card></Col>
            <Col xs={24} xl={9}><Card title="行业分布（前 10）" style={{ marginBottom: 16 }}><Chart option={charts.sector} height={340} testId="chart-sector" /></Card></Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={9}><Card title={<>线索 → 投产漏斗<Help text={d.funnel} /></>} style={{ marginBottom: 16 }}><Chart option={charts.funnel} height={340} testId="chart-funnel" /></Card></Col>
            <Col xs={24} xl={15}><Card title={<>各园区推荐接收率与响应时间<Help text={`${d.acceptanceRate ?? ''}；${d.medianResponseHours ?? ''}`} /></>} style={{ marginBottom: 16 }}><Chart option={charts.acceptance} height={340} testId="chart-acceptance" /></Card></Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={10}><Card title={<>产业契合度<Help text={d.fit} /></>} style={{ marginBottom: 16 }}><Chart option={charts.fit} height={560} testId="chart-fit" /></Card></Col>
            <Col xs={24} xl={14}>
              <Card title="园区年度评估指标" style={{ marginBottom: 16 }} loading={!tables}>
                {tables && <Table size="small" rowKey="parkId" dataSource={s?.parks} pagination={false} scroll={{ x: 'max-content', y: 500 }} data-testid="park-stats"
                  columns={[
                    { title: '园区', dataIndex: 'park', width: 150, render: (p: string, r: any) => <>{p}{r.board !== p && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.board}</Typography.Text></div>}</> },
                    { title: '推荐', dataIndex: 'offers', width: 60, sorter: (a: any, b: any) => a.offers - b.offers },
                    { title: '接收', dataIndex: 'accepted', width: 60 },
                    { title: '拒绝', dataIndex: 'declined', width: 60 },
                    { title: '接收率', dataIndex: 'acceptanceRate', width: 80, render: (x: number | null) => pct(x), sorter: (a: any, b: any) => (a.acceptanceRate ?? -1) - (b.acceptanceRate ?? -1) },
                    { title: '响应时间', dataIndex: 'medianResponseMinutes', width: 90, render: (x: number | null) => fmtMinutes(x) },
                    { title: '超时', dataIndex: 'overdue', width: 60 },
                    { title: '契合度', dataIndex: 'fit', width: 80, render: (x: number | null, r: any) => (x === null ? '—' : <span title={`${r.inSpecialization}/${r.projects} 个项目在主攻方向内`}>{pct(x)}</span>), sorter: (a: any, b: any) => (a.fit ?? -1) - (b.fit ?? -1) },
                  ]} />}
              </Card>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>口径：{Object.values(d).join('；')}</Typography.Paragraph>
        </>
      )}
      {tables && <ProactiveStats />}
    </>
  );
}
