import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { qs } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { PageHeader } from '../components/PageHeader';
import { fmtAmount, fmtTime } from '../labels';

export default function NoFit() {
  const { catalog } = useSession();
  const [page, setPage] = useState({ current: 1, size: 20 });
  const { data, error, loading, reload } = useApi<{ items: any[]; total: number }>(`/api/review/no-fit${qs({ page: page.current, pageSize: page.size })}`);
  return (
    <>
      <PageHeader title="无匹配研判" sub="推荐引擎判断没有园区对口、匹配度低于共享门槛或被所有推荐园区拒绝的线索，待市科技局人工研判" extra={<Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>} />
      <Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table
          data-testid="nofit-table"
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '没有待研判的线索' }}
          pagination={{ current: page.current, pageSize: page.size, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 条`, showSizeChanger: true, onChange: (c, s) => setPage({ current: c, size: s }) }}
          columns={[
            { title: '编号', dataIndex: 'code', width: 100, render: (c, r) => <Link to={`/leads/${r.id}`}>{c}</Link> },
            { title: '项目描述', dataIndex: 'description', render: (d, r) => <><div>{r.company ?? <Typography.Text type="secondary">（未填企业）</Typography.Text>}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{d}</Typography.Text></> },
            { title: '识别行业', dataIndex: 'primarySector', width: 130, render: (s, r) => s ?? r.sector ?? <Tag>未识别</Tag> },
            { title: '投资额', dataIndex: 'amount', width: 100, render: fmtAmount },
            { title: '来源板块', dataIndex: 'originBoard', width: 140, render: (b) => catalog.boardName(b) },
            { title: '提交时间', dataIndex: 'createdAt', width: 150, render: fmtTime },
            { title: '', width: 90, render: (_, r) => <Link to={`/leads/${r.id}`}>查看排名</Link> },
          ]}
        />
      </Card>
    </>
  );
}
