import { useMemo, useState } from 'react';
import { Alert, Card, Col, DatePicker, Row, Statistic, Table, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApi } from '../components/useApi';
import { PageHeader } from '../components/PageHeader';
import { Chart } from '../Chart';
import { reportApi } from '../requests';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);

/** The current month in Asia/Shanghai, whatever the browser's time zone. */
function shanghaiMonth(): Dayjs {
  const ym = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  return dayjs(`${ym}-01`);
}

export default function Precision() {
  const [month, setMonth] = useState<Dayjs>(shanghaiMonth);
  const m = month.format('YYYY-MM');
  const { data, error, loading } = useApi<any>(reportApi.precisionPath({ month: m }));
  const reasons: { code: string; label: string }[] = data?.overall?.declinedBy ?? [];
  const parks: any[] = useMemo(() => (data?.parks ?? []).filter((p: any) => p.offers > 0).sort((a: any, b: any) => b.offers - a.offers), [data]);

  const chart = useMemo(
    () => (width: number) => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['接收', '拒绝', '撤回', '待处理'], top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: width < 500 ? 56 : 36, containLabel: true },
      xAxis: { type: 'category', data: parks.map((p) => p.park), axisLabel: { interval: 0, rotate: width < 700 || parks.length > 6 ? 40 : 0 } },
      yAxis: { type: 'value', name: '推荐数', minInterval: 1 },
      series: [
        { name: '接收', type: 'bar', stack: 'o', data: parks.map((p) => p.accepted) },
        { name: '拒绝', type: 'bar', stack: 'o', data: parks.map((p) => p.declined) },
        { name: '撤回', type: 'bar', stack: 'o', data: parks.map((p) => p.withdrawn) },
        { name: '待处理', type: 'bar', stack: 'o', data: parks.map((p) => p.open) },
      ],
    }),
    [parks],
  );

  const o = data?.overall;
  return (
    <>
      <PageHeader
        title="推荐精准度月报"
        sub="当月（北京时间）发出的推荐，各园区接收、拒绝（按原因）、签约情况；推荐接收率即园区感受到的推荐精准度"
        extra={<DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} data-testid="precision-month" aria-label="选择月份" />}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          ['推荐数', o?.offers],
          ['接收', o?.accepted],
          ['拒绝', o?.declined],
          ['签约', o?.signed],
        ].map(([t, v]) => (
          <Col xs={12} md={6} lg={4} key={t as string}>
            <Card size="small" loading={loading}><Statistic title={t as string} value={(v as number) ?? 0} /></Card>
          </Col>
        ))}
        <Col xs={24} md={12} lg={8}>
          <Card size="small" loading={loading}>
            <Tooltip title={data?.definitions?.acceptedShare}>
              <Statistic title="推荐接收率（全市）" value={pct(o?.acceptedShare)} data-testid="precision-overall-share" />
            </Tooltip>
          </Card>
        </Col>
      </Row>
      <Card title="各园区推荐去向" loading={loading} style={{ marginBottom: 16 }}>
        {parks.length ? <Chart option={chart} height={340} testId="precision-chart" /> : <Typography.Text type="secondary" data-testid="precision-empty">{m} 没有发出推荐</Typography.Text>}
      </Card>
      <Card title="园区明细">
        <Table
          rowKey="parkId"
          size="small"
          loading={loading}
          dataSource={data?.parks ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="precision-table"
          columns={[
            { title: '园区', dataIndex: 'park', fixed: 'left' },
            { title: '推荐数', dataIndex: 'offers', sorter: (a: any, b: any) => a.offers - b.offers },
            { title: '接收', dataIndex: 'accepted' },
            { title: '推荐接收率', dataIndex: 'acceptedShare', render: pct, sorter: (a: any, b: any) => (a.acceptedShare ?? -1) - (b.acceptedShare ?? -1) },
            { title: '拒绝', dataIndex: 'declined' },
            ...reasons.map((r) => ({ title: `拒绝：${r.label}`, key: r.code, render: (_: unknown, p: any) => p.declinedBy.find((x: any) => x.code === r.code)?.count ?? 0 })),
            { title: '签约', dataIndex: 'signed' },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {Object.values(data?.definitions ?? {}).join('；')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
