import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { ListTable } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { fmtTime, LISTING_KIND, listingFacts } from '../labels';
import { listingApi, type ListingQuery } from '../requests';

/** 招商资源: every park's 应用场景, 基金 and 载体, city-wide; operators publish their own here. */
export default function Listings() {
  const { user, catalog } = useSession();
  const nav = useNavigate();
  const [kind, setKind] = useState<ListingQuery<'list'>['kind'] | ''>('');
  const [status, setStatus] = useState<ListingQuery<'list'>['status']>('open');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, loading } = useApi<any>(listingApi.listPath({ kind: kind || undefined, status, q: q.trim(), page, pageSize: 20 }));
  const canPublish = user?.role === 'park_operator' || user?.role === 'manager' || user?.role === 'admin';
  return (
    <>
      <PageHeader
        title="招商资源"
        sub="各园区发布的应用场景、基金与载体，全市可见；线索页会列出与线索契合的资源"
        extra={canPublish && <Button type="primary" icon={<PlusOutlined />} onClick={() => nav(`/listings/new${kind ? `?kind=${kind}` : ''}`)} data-testid="listing-new">发布资源</Button>}
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented value={kind} onChange={(v) => { setKind(v as typeof kind); setPage(1); }} options={[{ value: '', label: '全部' }, ...Object.entries(LISTING_KIND).map(([value, k]) => ({ value, label: k.label }))]} />
          <Select value={status} onChange={(v) => { setStatus(v); setPage(1); }} style={{ width: 110 }} options={[{ value: 'open', label: '开放中' }, { value: 'closed', label: '已关闭' }, { value: '', label: '全部状态' }]} />
          <Input.Search allowClear placeholder="标题或内容关键词" onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 220 }} />
        </Space>
        <ListTable data-testid="listings-table" rowKey="id" read={{ data, error, loading }} paging={{ current: page, size: 20, set: setPage }} pagination={{ hideOnSinglePage: true }}
          locale={{ emptyText: '暂无资源' }} scroll={{ x: 'max-content' }}
          columns={[
            { title: '种类', dataIndex: 'kind', width: 90, render: (k) => <Tag color={LISTING_KIND[k]?.color}>{LISTING_KIND[k]?.label ?? k}</Tag> },
            {
              title: '资源', dataIndex: 'title',
              render: (t, l: any) => (
                <Space direction="vertical" size={0} style={{ maxWidth: 560 }}>
                  <Link to={`/listings/${l.id}`}>{t}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{listingFacts(l.kind, l.content)}</Typography.Text>
                  {l.content.sectors?.length > 0 && <Space size={[4, 4]} wrap>{l.content.sectors.map((s: string) => <Tag key={s}>{s}</Tag>)}</Space>}
                </Space>
              ),
            },
            { title: '发布园区', dataIndex: 'park', width: 150, responsive: ['md'], render: (p, l: any) => <Space direction="vertical" size={0}>{p}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{catalog.boardName(l.boardId)}</Typography.Text></Space> },
            { title: '状态', dataIndex: 'status', width: 80, responsive: ['md'], render: (s) => (s === 'open' ? <Tag color="processing">开放中</Tag> : <Tag>已关闭</Tag>) },
            { title: '更新', dataIndex: 'updatedAt', width: 150, responsive: ['lg'], render: (t, l: any) => `${fmtTime(t)} · 第 ${l.version} 版` },
          ]}
        />
      </Card>
    </>
  );
}
