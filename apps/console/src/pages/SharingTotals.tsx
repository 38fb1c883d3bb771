import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Row, Segmented, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { download } from '../api';
import { useApi } from '../components/useApi';
import { PageHeader } from '../components/PageHeader';
import { Chart } from '../Chart';
import { INDICATORS } from '../labels';
import { toCsvText } from '../../../../libs/domain/src/csv.js';
import { sharingQueryApi } from '../requests';

const wan = (yuan: number) => Math.round(yuan / 100) / 100;

/** A CSV the browser saves, with a BOM so Excel reads the Chinese. */
function saveCsv(name: string, rows: (string | number)[][]) {
  const text = toCsvText(rows);
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

export default function SharingTotals() {
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs().endOf('year')]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const { data, error, loading } = useApi<any>(sharingQueryApi.totalsPath({ from, to }));
  const [indicator, setIndicator] = useState('signed_amount');

  const pivot = useMemo(() => {
    const m = new Map<string, any>();
    for (const b of data?.boards ?? []) {
      const row = m.get(b.boardId) ?? { boardId: b.boardId, boardName: b.boardName };
      row[b.indicator] = b.total;
      row[`${b.indicator}:double`] = b.doubleCredit;
      row[`${b.indicator}:split`] = b.splitCredit;
      row[`${b.indicator}:n`] = b.recordCount;
      m.set(b.boardId, row);
    }
    return [...m.values()];
  }, [data]);

  const chart = useMemo(() => {
    const rows = pivot.filter((r) => r[indicator] !== undefined).sort((a, b) => (b[indicator] ?? 0) - (a[indicator] ?? 0));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['双算', '分算'] },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.boardName), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: '万元' },
      series: [
        { name: '双算', type: 'bar', stack: 't', data: rows.map((r) => wan(r[`${indicator}:double`] ?? 0)) },
        { name: '分算', type: 'bar', stack: 't', data: rows.map((r) => wan(r[`${indicator}:split`] ?? 0)) },
      ],
    };
  }, [pivot, indicator]);

  const exportTable = () =>
    saveCsv(`共享考核汇总-${from}至${to}.csv`, [
      ['板块', ...Object.values(INDICATORS).flatMap((n) => [`${n}合计（万元）`, `${n}双算（万元）`, `${n}分算（万元）`])],
      ...pivot.map((r) => [r.boardName, ...Object.keys(INDICATORS).flatMap((k) => [wan(r[k] ?? 0), wan(r[`${k}:double`] ?? 0), wan(r[`${k}:split`] ?? 0)])]),
    ]);

  return (
    <>
      <PageHeader
        title="共享考核汇总"
        sub="期间内已生效记录按板块、指标的考核合计：双算（双方全额计入）与分算（按比例）分列，全市不重复计算"
        extra={<>
          <DatePicker.RangePicker allowClear={false} value={range} onChange={(r) => r && setRange(r as [Dayjs, Dayjs])} />
          <Button icon={<DownloadOutlined />} onClick={exportTable} disabled={!pivot.length} data-testid="export-totals">导出汇总表</Button>
          <Button icon={<DownloadOutlined />} onClick={() => download(sharingQueryApi.exportPath('xlsx', { from, to }), '利益共享记录.xlsx').catch((e: Error) => message.error(e.message))}>导出记录明细</Button>
        </>}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={<Space>各板块考核计入<Segmented size="small" value={indicator} onChange={(v) => setIndicator(v as string)} options={Object.entries(INDICATORS).map(([value, label]) => ({ value, label }))} /></Space>} loading={loading} style={{ marginBottom: 16 }}>
            {pivot.length ? <Chart option={chart} height={340} testId="totals-chart" /> : <Typography.Text type="secondary">期间内没有已生效的利益共享记录</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="全市合计（项目数值只计一次）" loading={loading} style={{ marginBottom: 16 }}>
            <Table size="small" rowKey="indicator" pagination={false} dataSource={data?.city ?? []}
              columns={[
                { title: '指标', dataIndex: 'indicatorName' },
                { title: '项目数值（万元）', dataIndex: 'projectValue', align: 'right', render: wan },
                { title: '其中双算', dataIndex: 'doubleValue', align: 'right', render: wan },
                { title: '各板块计入合计', dataIndex: 'boardCreditSum', align: 'right', render: wan },
              ]} />
            {data?.reconciliation && <Typography.Text type={data.reconciliation.ok === false ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>对账：{data.reconciliation.ok === false ? '不平，请核查' : '各板块计入 = 项目数值 + 双算部分，已核平'}</Typography.Text>}
          </Card>
        </Col>
      </Row>
      <Card title="板块 × 指标（万元）" loading={loading}>
        <Table size="small" rowKey="boardId" dataSource={pivot} pagination={false} scroll={{ x: true }} locale={{ emptyText: '期间内没有数据' }}
          columns={[{ title: '板块', dataIndex: 'boardName', fixed: 'left' as const }, ...Object.entries(INDICATORS).map(([k, n]) => ({ title: n, dataIndex: k, align: 'right' as const, render: (v: number | undefined, r: any) => (v === undefined ? '—' : <span title={`双算 ${wan(r[`${k}:double`] ?? 0)}，分算 ${wan(r[`${k}:split`] ?? 0)}，${r[`${k}:n`]} 条记录`}>{wan(v).toLocaleString('zh-CN')}</span>) }))]} />
        {data?.excluded?.length > 0 && (
          <div style={{ marginTop: 12 }} data-testid="totals-excluded">
            <Typography.Text strong>未计入 {data.excluded.length} 条记录：</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingLeft: 20, fontSize: 13 }}>
              {excludedGroups(data.excluded).map((g) => <li key={g.label}>{g.label}：{g.n} 条</li>)}
            </ul>
          </div>
        )}
      </Card>
    </>
  );
}

const EXCLUDED_LABELS: Record<string, string> = {
  'not_effective:proposed': '待双方板块确认',
  'not_effective:confirmed': '待市科技局审批',
  'not_effective:approved': '已批准，项目尚未签约',
  'not_effective:rejected': '已驳回',
  not_in_force: '已被新版本替代（不重复统计）',
  credit_window_ended: '考核分成期已届满',
};

/** Left-out records by what they still wait for, most first. */
function excludedGroups(excluded: { reason: string; status: string }[]) {
  const counts = new Map<string, number>();
  for (const e of excluded) {
    const label = EXCLUDED_LABELS[`${e.reason}:${e.status}`] ?? EXCLUDED_LABELS[e.reason] ?? '尚未生效';
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => ({ label, n })).sort((a, b) => b.n - a.n);
}
