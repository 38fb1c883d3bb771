import { Link } from 'react-router';
import { Card, Space, Tag, Typography } from 'antd';
import { useApi } from '../components/useApi';
import { ListTable } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { fmtTime } from '../labels';

export default function Parks() {
  const { data, error, loading } = useApi<{ items: any[] }>('/api/parks');
  return (
    <>
      <PageHeader title="园区画像" sub="20 个科技创新型特色园区的主攻方向；年度动态评估后在此修订，每次修订保留为新版本" />
      <Card>
        <ListTable data-testid="parks-table" rowKey="id" read={{ data, error, loading }} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 880 }}
          columns={[
            { title: '园区', dataIndex: 'name', width: 200, render: (n, p) => <Space direction="vertical" size={0}><Link to={`/parks/${p.id}`}>{n}</Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.board.name}</Typography.Text></Space> },
            { title: '主攻方向', dataIndex: 'directions', render: (ds: any[]) => <Space size={[4, 4]} wrap>{ds.map((d) => <Tag key={d.text} color="blue">{d.text}</Tag>)}</Space> },
            { title: '版本', dataIndex: 'currentVersion', width: 70, render: (v) => `第 ${v} 版` },
            { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: fmtTime },
            { title: '', width: 100, render: (_, p) => <Link to={`/parks/${p.id}`}>修订画像</Link> },
          ]}
        />
      </Card>
    </>
  );
}
