import { Alert, Card, Table, Tooltip, Typography } from 'antd';
import { useApi } from './useApi';

/** 主动招商 per park (GET /api/stats/proactive) for the manager's dashboard. */
export function ProactiveStats() {
  const { data, error, loading } = useApi<any>('/api/stats/proactive');
  const d = data?.definitions ?? {};
  const head = (t: string, help?: string) => <Tooltip title={help}>{t}</Tooltip>;
  const items = (data?.items ?? []).filter((x: any) => x.scenarios.published || x.funds.open || x.carriers.available + x.carriers.partial + x.carriers.occupied || x.prospects.total);
  return (
    <Card title="主动招商：场景、基金、载体与招商对象" style={{ marginTop: 16 }} data-testid="proactive-stats">
      {error && <Alert type="error" showIcon title={error} />}
      <Table
        size="small"
        rowKey="parkId"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '各园区尚未发布应用场景、基金或载体，也未上传企业名单' }}
        columns={[
          { title: '园区', dataIndex: 'park', fixed: 'left' },
          { title: head('应用场景 发布/已响应', d.scenarios), render: (_, x: any) => `${x.scenarios.published} / ${x.scenarios.answered}` },
          { title: head('场景 开放/关闭', d.scenarios), render: (_, x: any) => `${x.scenarios.open} / ${x.scenarios.closed}` },
          { title: head('场景契合线索', d.scenarios), render: (_, x: any) => x.scenarios.fittingLeads },
          { title: head('基金 / 契合线索', d.funds), render: (_, x: any) => `${x.funds.open} / ${x.funds.fittingLeads}` },
          { title: head('载体 可租售/部分/已满', d.carriers), render: (_, x: any) => `${x.carriers.available} / ${x.carriers.partial} / ${x.carriers.occupied}` },
          { title: head('招商对象 待处理/转线索/忽略', d.prospects), render: (_, x: any) => `${x.prospects.new} / ${x.prospects.lead} / ${x.prospects.dismissed}` },
        ]}
      />
      {data && <Typography.Text type="secondary" style={{ fontSize: 12 }}>契合线索按最新 {data.comparedLeads} 条在办线索计算</Typography.Text>}
    </Card>
  );
}
