import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { PageHeader } from '../components/PageHeader';
import { Person } from '../components/Person';
import { CARRIER_AVAILABILITY, fmtTime, LISTING_KIND, listingFacts } from '../labels';

/** One listing: its current content, every version, and the open leads that fit it (de-identified where due). */
export default function ListingDetail() {
  const { id } = useParams();
  const nav = useNavigate();
  const { user, catalog } = useSession();
  const { data: l, error } = useApi<any>(`/api/listings/${id}`);
  const fits = useApi<any>(l ? `/api/listings/${id}/leads` : null);
  if (error) return <Alert type="error" showIcon title="无法打开资源" description={error} />;
  if (!l) return <Skeleton active paragraph={{ rows: 8 }} />;
  const c = l.content;
  const mine = user?.role === 'manager' || user?.role === 'admin' || (user?.role === 'park_operator' && user.parkId === l.parkId);
  return (
    <>
      <PageHeader
        title={<Space wrap>{l.title}<Tag color={LISTING_KIND[l.kind]?.color}>{LISTING_KIND[l.kind]?.label}</Tag>{l.status === 'open' ? <Tag color="processing">开放中</Tag> : <Tag>已关闭</Tag>}</Space>}
        sub={`${l.park} · ${catalog.boardName(l.boardId)} · 第 ${l.version} 版 · ${fmtTime(l.updatedAt)} 更新`}
        extra={<>{mine && <Button icon={<EditOutlined />} onClick={() => nav(`/listings/${id}/edit`)} data-testid="listing-revise">修订</Button>}<Link to="/listings">返回资源列表</Link></>}
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="内容" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="listing-info">
              <Descriptions.Item label="行业" span={2}>{c.sectors?.length ? c.sectors.map((s: string) => <Tag key={s}>{s}</Tag>) : '—'}</Descriptions.Item>
              <Descriptions.Item label="说明" span={2}>{c.description}</Descriptions.Item>
              <Descriptions.Item label="要点" span={2}>{listingFacts(l.kind, c)}</Descriptions.Item>
              {l.kind === 'carrier' && <Descriptions.Item label="面积">{c.areaMu} 亩（约 {c.areaM2} 平方米）</Descriptions.Item>}
              {l.kind === 'carrier' && <Descriptions.Item label="可用情况">{CARRIER_AVAILABILITY[c.availability]?.label}{c.availableFrom ? `，${c.availableFrom} 起` : ''}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title="契合的在办线索" extra={fits.data && <Typography.Text type="secondary">比较了最新 {fits.data.compared} 条在办线索</Typography.Text>} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey={(x: any) => x.lead.id}
              loading={fits.loading}
              dataSource={fits.data?.items ?? []}
              pagination={false}
              data-testid="listing-leads"
              locale={{ emptyText: <Empty description={l.status === 'open' ? '暂无契合的在办线索' : '资源已关闭'} /> }}
              columns={[
                { title: '线索', width: 150, render: (_, x: any) => <Space direction="vertical" size={0}>{x.lead.view === 'full' ? <Link to={`/leads/${x.lead.id}`}>{x.lead.code}</Link> : x.lead.code}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{catalog.boardName(x.lead.originBoard)}</Typography.Text></Space> },
                { title: '项目', render: (_, x: any) => <Space direction="vertical" size={2}><span>{x.lead.company ?? <Typography.Text type="secondary">（脱敏）</Typography.Text>} {x.lead.description.slice(0, 80)}</span>{x.reasons.slice(0, 3).map((r: string) => <Typography.Text key={r} type="secondary" style={{ fontSize: 12 }}>{r}</Typography.Text>)}</Space> },
                { title: '契合度', dataIndex: 'score', width: 80, render: (s: number) => `${Math.round(s * 100)}%` },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="全部版本" data-testid="listing-versions">
            <Timeline
              items={l.versions.map((v: any) => ({
                color: v.version === l.version ? 'blue' : 'gray',
                content: (
                  <>
                    <Typography.Text strong>第 {v.version} 版</Typography.Text>
                    <div style={{ fontSize: 12 }}>{listingFacts(l.kind, v.content)}</div>
                    {v.note && <div style={{ fontSize: 12 }}>修订说明：{v.note}</div>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(v.createdAt)} · <Person id={v.createdBy} /></Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
