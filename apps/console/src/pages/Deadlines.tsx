import { Link } from 'react-router';
import { Button, Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { offerApi, type Read } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { ListTable } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { ParkPicker, useParkId } from '../components/ParkPicker';
import { fmtTime, timeLeft } from '../labels';

/** Open offers by how close their answer deadline is; city-wide users also see every overdue offer. */
export default function Deadlines() {
  const { user, catalog } = useSession();
  const [parkId] = useParkId();
  const city = user?.role !== 'park_operator';
  const open = useApi<Read<'GET /api/parks/{parkId}/offers'>>(parkId ? `/api/parks/${parkId}/offers?status=open&pageSize=200` : null);
  const overdue = useApi<Read<'GET /api/offers/overdue'>>(city ? offerApi.overduePath({ pageSize: 200 }) : null);
  const rows = [...(open.data?.items ?? [])].sort((a, b) => new Date(a.respondBy).getTime() - new Date(b.respondBy).getTime());
  const late = rows.filter((r) => timeLeft(r.respondBy).overdue).length;
  const soon = rows.filter((r) => timeLeft(r.respondBy).soon).length;
  return (
    <>
      <PageHeader title="答复时限" sub="推荐须在 24 小时内答复、72 小时内完成评估；超时的推荐会上报市科技局" extra={<><ParkPicker /><Button icon={<ReloadOutlined />} onClick={() => { open.reload(); overdue.reload(); }}>刷新</Button></>} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}><Card><Statistic title="待答复" value={rows.length} suffix="条" /></Card></Col>
        <Col span={8}><Card><Statistic title="6 小时内到期" value={soon} suffix="条" styles={{ content: { color: soon ? '#d46b08' : undefined } }} /></Card></Col>
        <Col span={8}><Card><Statistic title="已超时" value={late} suffix="条" styles={{ content: { color: late ? '#cf1322' : undefined } }} /></Card></Col>
      </Row>
      <Card title="待答复推荐（按期限排序）" style={{ marginBottom: 16 }}>
        <ListTable data-testid="deadline-table" rowKey="offerId" size="small" read={{ ...open, data: { items: rows } }} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }} locale={{ emptyText: '没有待答复的推荐' }}
          columns={[
            { title: '线索', dataIndex: 'leadCode', width: 110 },
            { title: '行业', dataIndex: 'sector', width: 140, render: (s) => s ?? '—' },
            { title: '摘要', dataIndex: 'summary', render: (t: string) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, minWidth: 180, maxWidth: 420 }}>{t}</Typography.Paragraph> },
            { title: '答复期限', dataIndex: 'respondBy', width: 150, render: fmtTime },
            { title: '剩余', dataIndex: 'respondBy', width: 130, render: (r) => { const t = timeLeft(r); return <Tag color={t.overdue ? 'red' : t.soon ? 'orange' : 'green'}>{t.text}</Tag>; } },
            { title: '评估期限', dataIndex: 'assessBy', width: 150, render: fmtTime },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>到收件箱处理：<Link to={`/inbox${city ? `?park=${parkId}` : ''}`}>推荐收件箱</Link></Typography.Text>
      </Card>
      {city && (
        <Card title="全市超时未答复">
          <ListTable rowKey="id" size="small" read={overdue} pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }} locale={{ emptyText: '没有超时的推荐' }}
            columns={[
              { title: '线索', dataIndex: 'lead_code', width: 110, render: (c, r: any) => <Link to={`/leads/${r.lead_id}`}>{c}</Link> },
              { title: '园区', dataIndex: 'park_name', render: (n, r: any) => n ?? catalog.parkName(r.park_id) },
              { title: '答复期限', dataIndex: 'respond_by', render: fmtTime },
              { title: '超时', dataIndex: 'respond_by', render: (r) => <Tag color="red">{timeLeft(r).text}</Tag> },
              { title: '答复超时上报', dataIndex: 'escalated_at', render: (e) => (e ? fmtTime(e) : '—') },
              { title: '研判期限', dataIndex: 'assess_by', render: fmtTime },
              { title: '研判超时上报', dataIndex: 'assess_escalated_at', render: (e) => (e ? fmtTime(e) : '—') },
            ]}
          />
        </Card>
      )}
    </>
  );
}
