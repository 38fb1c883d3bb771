import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Form, Grid, Input, Modal, Popconfirm, Select, Space, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { offerApi, type Read } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { useAction } from '../components/useAction';
import { ListTable, usePaging } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { ParkPicker, useParkId } from '../components/ParkPicker';
import { ParkOwnerFilter, useOwnerFilter } from '../components/ParkOwnerFilter';
import { ReasonList } from '../components/Ranking';
import { fmtAmount, fmtTime, OFFER_STATUS, OFFER_STATUSES, STAGE_COLORS, timeLeft, type OfferStatus } from '../labels';

export default function Inbox() {
  const { catalog, user } = useSession();
  const { message } = App.useApp();
  const [parkId] = useParkId();
  const [status, setStatus] = useState<OfferStatus | 'all'>('open');
  const [owner] = useOwnerFilter();
  const page = usePaging(10);
  const { data, error, loading, reload } = useApi<Read<'GET /api/parks/{parkId}/offers'>>(parkId ? offerApi.inboxPath(parkId, { status: status === 'all' ? undefined : status, owner, page: page.current, pageSize: page.size }) : null);
  const [declining, setDeclining] = useState<any>();
  const { busy, run } = useAction<string>();
  const [form] = Form.useForm();
  const canAct = user?.role === 'park_operator';
  const phone = !Grid.useBreakpoint().md;

  // Reloads after a refusal too: the offer may have changed meanwhile.
  const accept = (o: any) => run(async () => {
    await offerApi.accept(parkId!, o.offerId);
    message.success(`已接收线索 ${o.leadCode}，项目进入「洽谈」阶段`);
  }, o.offerId).then(reload);
  const decline = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await offerApi.decline(parkId!, declining.offerId, { reason: v.reason, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
      message.success(`已拒绝线索 ${declining.leadCode}`);
      setDeclining(undefined);
      form.resetFields();
      reload();
    }, declining.offerId);
  };

  // A 责任人 is named on accepted projects only: picking one moves off 待答复.
  const ownerFilter = <ParkOwnerFilter parkId={parkId} onPick={(id) => { if (id && status === 'open') setStatus('accepted'); page.first(); }} />;
  const leadLink = (o: any) => (o.status === 'accepted' ? <Link to={`/leads/${o.leadId}`}>{o.leadCode}</Link> : o.leadCode);
  const summary = (o: any) => (
    <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
      {o.company && <Typography.Text strong>{o.company}</Typography.Text>}
      <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ marginBottom: 0, maxWidth: 520 }}>{o.summary}</Typography.Paragraph>
      <Space size={4} wrap>
        {o.sector && <Tag color="blue">{o.sector}</Tag>}
        {o.amount && <Tag>投资 {fmtAmount(o.amount)}</Tag>}
        {o.landMu != null && <Tag>用地 {o.landMu} 亩</Tag>}
        {o.channel && <Tag>{o.channel}</Tag>}
        <Tag>来源：{catalog.boardName(o.originBoard)}</Tag>
        {o.owner && <Tag color="purple">责任人：{o.owner.name}</Tag>}
      </Space>
      {o.contacts?.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>联系人：{o.contacts.map((c: any) => [c.name, c.phone, c.email].filter(Boolean).join(' ')).join('；')}</Typography.Text>}
    </Space>
  );
  const score = (o: any) => <span className="pm-nowrap" data-testid="offer-score"><b>{Math.round(o.score * 100)}%</b> <Typography.Text type="secondary" style={{ fontSize: 12 }}>第 {o.rank} 名</Typography.Text></span>;
  const deadline = (o: any) => {
    if (o.status !== 'open') return <Tag color={OFFER_STATUS[o.status]?.color}>{OFFER_STATUS[o.status]?.label}</Tag>;
    const t = timeLeft(o.respondBy);
    return <Space size={4} wrap><Tag color={t.overdue ? 'red' : t.soon ? 'orange' : 'default'}>{t.text}</Tag><Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(o.respondBy)}</Typography.Text></Space>;
  };
  const actions = (o: any) =>
    o.status === 'open' ? (
      canAct ? (
        <Space>
          <Popconfirm title="接收此线索？" description="先到先得：接收后其他园区的推荐将自动撤回。" okText="接收" cancelText="取消" onConfirm={() => accept(o)}>
            <Button type="primary" size="small" icon={<CheckOutlined />} loading={busy === o.offerId} data-testid="accept-offer">接收</Button>
          </Popconfirm>
          <Button size="small" danger icon={<CloseOutlined />} onClick={() => setDeclining(o)} data-testid="decline-offer">拒绝</Button>
        </Space>
      ) : <Typography.Text type="secondary">待园区答复</Typography.Text>
    ) : o.stage ? <Tag color={STAGE_COLORS[o.stage]}>{o.stage}</Tag> : '—';
  const deskColumns = [
    { title: '线索', dataIndex: 'leadCode', width: 110, render: (_: unknown, o: any) => leadLink(o) },
    { title: '项目摘要', dataIndex: 'summary', render: (_: unknown, o: any) => summary(o) },
    { title: '匹配度', dataIndex: 'score', width: 120, render: (_: unknown, o: any) => score(o) },
    { title: '答复期限', dataIndex: 'respondBy', width: 160, render: (_: unknown, o: any) => deadline(o) },
    { title: '操作', width: 170, render: (_: unknown, o: any) => actions(o) },
  ];
  // One column on a phone: code and fit, the summary, the deadline, then the buttons, all within the screen.
  const phoneColumns = [
    {
      title: '推荐',
      render: (_: unknown, o: any) => (
        <Space direction="vertical" size={6} style={{ width: '100%' }}>
          <Space size={8} wrap><b>{leadLink(o)}</b>{score(o)}</Space>
          {summary(o)}
          {deadline(o)}
          {actions(o)}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="推荐收件箱"
        sub={`${catalog.parkName(parkId)} 收到的招商线索推荐；接收前只显示脱敏摘要，接收后可见企业与联系人`}
        extra={<><ParkPicker /><Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button></>}
      />
      <Card>
        {phone && <div style={{ marginBottom: 8 }}>{ownerFilter}</div>}
        <Tabs activeKey={status} tabBarExtraContent={phone ? undefined : ownerFilter} onChange={(k) => { setStatus(k as OfferStatus | 'all'); page.first(); }} items={[
          ...OFFER_STATUSES.map((key) => ({ key, label: OFFER_STATUS[key]!.label })), { key: 'all', label: '全部' },
        ]} />
        <ListTable data-testid="inbox-table" rowKey="offerId" read={{ data, error, loading }} paging={page} pagination={{ showSizeChanger: true }}
          expandable={{ expandedRowRender: (o) => <ReasonList reasons={o.reasons} max={8} />, rowExpandable: (o) => o.reasons?.length > 0 }}
          locale={{ emptyText: owner ? '该责任人暂无负责的已接收项目' : status === 'open' ? '暂无待答复的推荐' : '暂无记录' }}
          columns={phone ? phoneColumns : deskColumns}
        />
      </Card>
      <Modal title={`拒绝线索 ${declining?.leadCode ?? ''}`} open={!!declining} onCancel={() => setDeclining(undefined)} onOk={decline} okText="确认拒绝" okButtonProps={{ danger: true, loading: !!busy }} cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="拒绝原因" rules={[{ required: true, message: '请选择拒绝原因' }]}>
            <Select placeholder="选择原因" options={catalog.meta.declineReasons.map((r) => ({ value: r.code, label: r.label }))} data-testid="decline-reason" />
          </Form.Item>
          <Form.Item name="note" label="补充说明"><Input.TextArea rows={3} maxLength={500} showCount placeholder="可选，如：现有地块已满" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
