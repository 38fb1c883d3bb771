import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { download, postSharing, type Read } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { useAction } from '../components/useAction';
import { ListTable } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { fmtTime, INDICATORS, SHARING_STATUS } from '../labels';
import { Actor, Person } from '../components/Person';
import { IndicatorModal, TermsModal } from './SharingForms';
import { sharingQueryApi } from '../requests';

const EVENTS: Record<string, string> = { propose: '生成记录', confirm: '板块确认', approve: '批准', reject: '驳回', edit_terms: '修改条款', sign: '项目签约', amend: '发起变更' };
const START: Record<string, string> = { first_tax: '首次纳税', construction_start: '开工', signing: '签约' };
const bp = (n: number) => `${(n / 100).toFixed(n % 100 ? 2 : 0)}%`;
const wan = (yuan: number) => (yuan / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 4 });

function terms(t: any) {
  if (!t) return '—';
  return (
    <Space direction="vertical" size={2}>
      <span>{t.source === 'negotiated' ? `协商协议 ${t.agreementRef ?? ''}` : `默认规则（${t.policyVersion}）`}</span>
      <span>{Object.entries(t.credit ?? {}).map(([k, m]: [string, any]) => `${INDICATORS[k] ?? k}：${m.mode === 'double' ? '双算' : `分算 ${bp(m.originBp)}:${bp(m.receiverBp)}`}`).join('；')}</span>
      <span>考核分成期 {t.creditWindow?.years} 年，自{START[t.creditWindow?.startEvent] ?? t.creditWindow?.startEvent}起；收益分成 {bp(t.revenueShare?.originBp ?? 0)} × {t.revenueShare?.years} 年，自{START[t.revenueShare?.startEvent] ?? ''}起</span>
    </Space>
  );
}

export default function Sharing() {
  const { user, catalog } = useSession();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const f = Object.fromEntries(sp.entries()) as Record<string, string>;
  const status = f.status ?? (user?.role === 'manager' ? 'confirmed' : undefined);
  const page = Number(f.page ?? 1);
  const pageSize = Number(f.pageSize ?? 20);
  const filter = { board: f.board, park: f.park, status, from: f.from, to: f.to };
  const { data, error, loading, reload } = useApi<Read<'GET /api/sharing-records'>>(sharingQueryApi.listPath({ ...filter, page, pageSize }));
  const [openId, setOpenId] = useState<string>();
  const detail = useApi<Read<'GET /api/sharing-records/{id}'>>(openId ? `/api/sharing-records/${openId}` : null);
  const [acting, setActing] = useState<{ action: 'approve' | 'reject' | 'confirm' }>();
  const [comment, setComment] = useState('');
  const { busy, run } = useAction();
  const [form, setForm] = useState<'terms' | 'amend' | 'indicators'>();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: true });
  };

  const act = async () => {
    if (!acting || !detail.data) return;
    if (acting.action === 'reject' && !comment.trim()) return message.error('驳回须填写意见');
    const { action } = acting;
    const { id, revision } = detail.data.record;
    await run(async () => {
      await postSharing(id, action, { expectedRevision: revision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      message.success({ approve: '已批准', reject: '已驳回', confirm: '已确认' }[action]);
      setActing(undefined);
      setComment('');
      detail.reload();
      reload();
    });
  };
  const exp = (fmt: 'xlsx' | 'csv') => download(sharingQueryApi.exportPath(fmt, filter), `利益共享记录.${fmt}`).catch((e: Error) => message.error(e.message));
  const shown = detail.data;
  const r = shown?.record;
  const city = user?.role === 'manager' || user?.role === 'admin';
  // What the API lets this user do on the open record (libs/sharing/lifecycle.ts decides; these only hide dead buttons).
  const party = !!r && (city || (user?.role === 'promoter' && !!user.boardId && [r.originBoardId, r.receivingBoardId].includes(user.boardId)) || (user?.role === 'park_operator' && user.parkId === r.receivingParkId));
  const live = !!r && r.displayStatus !== 'superseded';
  const canTerms = party && live && ['proposed', 'confirmed', 'rejected'].includes(r.status) && user?.role !== 'admin';
  const canAmend = party && live && ['approved', 'effective'].includes(r.status) && user?.role !== 'admin';
  const canValues = !!r && (city || (user?.role === 'park_operator' && user.parkId === r.receivingParkId));
  const formDone = () => {
    setForm(undefined);
    detail.reload();
    reload();
  };

  return (
    <>
      <PageHeader
        title="利益共享记录"
        sub="跨板块承接的项目自动生成记录：双方板块确认后由市科技局审批，签约后生效"
        extra={<>
          <Button icon={<DownloadOutlined />} onClick={() => exp('xlsx')} data-testid="export-xlsx">导出 Excel</Button>
          <Button icon={<DownloadOutlined />} onClick={() => exp('csv')}>导出 CSV</Button>
          <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
        </>}
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select placeholder="状态" allowClear style={{ width: 170 }} value={status} onChange={(v) => set({ status: v ?? '' })} options={Object.entries(SHARING_STATUS).map(([k, v]) => ({ value: k, label: v.label }))} />
          <Select placeholder="板块（来源或承接）" allowClear style={{ width: 190 }} value={f.board} onChange={(v) => set({ board: v })} options={catalog.boards.map((b) => ({ value: b.id, label: b.name }))} showSearch optionFilterProp="label" />
          <Select placeholder="承接园区" allowClear style={{ width: 190 }} value={f.park} onChange={(v) => set({ park: v })} options={catalog.parks.map((p) => ({ value: p.id, label: p.name }))} showSearch optionFilterProp="label" />
          <DatePicker.RangePicker value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null} onChange={(x) => set({ from: x?.[0]?.format('YYYY-MM-DD'), to: x?.[1]?.format('YYYY-MM-DD') })} />
        </Space>
        <ListTable data-testid="sharing-table" rowKey="id" read={{ data, error, loading }} pagination={{ showSizeChanger: true }} scroll={{ x: 'max-content' }}
          paging={{ current: page, size: pageSize, set: (p, s) => set({ page: String(p), pageSize: String(s) }) }}
          locale={{ emptyText: status ? `没有「${SHARING_STATUS[status]?.label ?? status}」的记录` : '暂无利益共享记录' }}
          onRow={(x) => ({ onClick: () => setOpenId(x.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '项目', dataIndex: 'projectName', render: (n, x) => <Space direction="vertical" size={0}><a>{n}</a><Typography.Text type="secondary" style={{ fontSize: 12 }}>第 {x.version} 版 · {fmtTime(x.proposedAt)} 生成</Typography.Text></Space> },
            { title: '来源板块', dataIndex: 'originBoardName', width: 140 },
            { title: '承接园区', dataIndex: 'receivingParkName', width: 170, render: (n, x) => <Space direction="vertical" size={0}>{n}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.receivingBoardName}</Typography.Text></Space> },
            { title: '条款', dataIndex: 'terms', width: 120, render: (t) => (t?.source === 'negotiated' ? <Tag color="purple">协商协议</Tag> : <Tag>默认规则</Tag>) },
            { title: '确认', width: 150, render: (_, x) => <Space size={4}><Tag color={x.originConfirmation ? 'green' : 'default'}>来源{x.originConfirmation ? '✓' : '…'}</Tag><Tag color={x.receiverConfirmation ? 'green' : 'default'}>承接{x.receiverConfirmation ? '✓' : '…'}</Tag></Space> },
            { title: '状态', dataIndex: 'displayStatus', width: 150, render: (s, x) => <Tag color={SHARING_STATUS[s]?.color}>{x.statusName ?? SHARING_STATUS[s]?.label ?? s}</Tag> },
          ]}
        />
      </Card>
      <Drawer title={r ? `利益共享记录 · ${r.projectName}` : '利益共享记录'} size="large" width="min(760px, 100vw)" open={!!openId} onClose={() => setOpenId(undefined)} destroyOnHidden
        extra={r && <Space wrap>
          {canTerms && <Button onClick={() => setForm('terms')} data-testid="sharing-terms">协商条款</Button>}
          {canAmend && <Button onClick={() => setForm('amend')} data-testid="sharing-amend">发起变更</Button>}
          {canValues && <Button onClick={() => setForm('indicators')} data-testid="sharing-values">填报指标数值</Button>}
          {!city && r.status === 'proposed' && <Button type="primary" onClick={() => setActing({ action: 'confirm' })}>确认</Button>}
          {city && ['proposed', 'confirmed'].includes(r.status) && r.displayStatus !== 'superseded' && <>
            <Button danger onClick={() => setActing({ action: 'reject' })} data-testid="sharing-reject">驳回</Button>
            <Button type="primary" disabled={r.status !== 'confirmed'} onClick={() => setActing({ action: 'approve' })} data-testid="sharing-approve">批准</Button>
          </>}
        </Space>}
      >
        {detail.error && <Alert type="error" showIcon title={detail.error} />}
        {r && shown && (
          <>
            {city && r.status === 'proposed' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="须来源板块与承接方双方确认后才能批准" />}
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered data-testid="sharing-detail">
              <Descriptions.Item label="状态" span={2}><Tag color={SHARING_STATUS[r.displayStatus]?.color}>{r.statusName}</Tag>第 {r.version} 版 · 修订号 {r.revision}</Descriptions.Item>
              <Descriptions.Item label="来源板块">{r.originBoardName}（<Person id={r.submittedBy} />）</Descriptions.Item>
              <Descriptions.Item label="承接园区">{r.receivingParkName}（{r.receivingBoardName}）</Descriptions.Item>
              <Descriptions.Item label="线索"><Link to={`/leads/${r.leadId}`}>查看线索</Link></Descriptions.Item>
              <Descriptions.Item label="签约日期">{r.signedOn ?? '未签约'}</Descriptions.Item>
              <Descriptions.Item label="来源确认">{r.originConfirmation ? <><Actor actor={r.originConfirmation.by} /> {fmtTime(r.originConfirmation.at)}</> : '待确认'}</Descriptions.Item>
              <Descriptions.Item label="承接确认">{r.receiverConfirmation ? <><Actor actor={r.receiverConfirmation.by} /> {fmtTime(r.receiverConfirmation.at)}</> : '待确认'}</Descriptions.Item>
              <Descriptions.Item label="审批" span={2}>{r.decision ? <>{r.decision.outcome === 'approved' ? '批准' : '驳回'} · <Actor actor={r.decision.by} /> · {fmtTime(r.decision.at)}{r.decision.comment ? ` · ${r.decision.comment}` : ''}</> : '未审批'}</Descriptions.Item>
              <Descriptions.Item label="条款" span={2}>{terms(r.terms)}</Descriptions.Item>
              {r.amendmentReason && <Descriptions.Item label="变更原因" span={2}>{r.amendmentReason}</Descriptions.Item>}
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 20 }}>指标数值</Typography.Title>
            <Table size="small" scroll={{ x: 'max-content' }} rowKey={(v: any) => `${v.indicator}-${v.periodFrom}`} pagination={false} dataSource={shown.values} locale={{ emptyText: '尚未填报' }}
              columns={[{ title: '指标', dataIndex: 'indicatorName' }, { title: '期间', render: (_, v: any) => `${v.periodFrom} 至 ${v.periodTo}` }, { title: '数值（万元）', dataIndex: 'amountYuan', align: 'right', render: wan }, { title: '填报', render: (_, v: any) => <>{typeof v.enteredBy === 'object' ? <Actor actor={v.enteredBy} /> : <Person id={v.enteredBy} />} {fmtTime(v.enteredAt)}</> }]} />
            {shown.schedule?.years?.length > 0 && <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>收益分成计划</Typography.Title>
              {shown.schedule.note && <Typography.Paragraph type="secondary">{shown.schedule.note}</Typography.Paragraph>}
              <Table size="small" scroll={{ x: 'max-content' }} rowKey="yearIndex" pagination={false} dataSource={shown.schedule.years}
                columns={[
                  { title: '年度', dataIndex: 'yearIndex', render: (i: number) => `第 ${i} 年` },
                  { title: '期间', render: (_, y: any) => (y.from ? `${y.from} 至 ${y.to}` : '待起算') },
                  { title: '来源板块分成', dataIndex: 'originBp', render: bp },
                  { title: '来源板块（万元）', dataIndex: 'originAmount', align: 'right', render: (v: number | null) => (v === null ? '—' : wan(v)) },
                  { title: '承接板块（万元）', dataIndex: 'receiverAmount', align: 'right', render: (v: number | null) => (v === null ? '—' : wan(v)) },
                ]} />
            </>}
            <Typography.Title level={5} style={{ marginTop: 20 }}>版本与操作记录</Typography.Title>
            <Timeline items={shown.history.map((h: any) => ({ color: h.event === 'reject' ? 'red' : h.event === 'approve' ? 'green' : 'blue', content: <><b>{EVENTS[h.event] ?? h.event}</b> {h.fromStatus ? `${SHARING_STATUS[h.fromStatus]?.label ?? h.fromStatus} → ` : ''}{SHARING_STATUS[h.toStatus]?.label ?? h.toStatus}<div style={{ fontSize: 12, color: '#888' }}><Actor actor={h.actor} /> · {fmtTime(h.at)}{h.comment ? ` · ${h.comment}` : ''}</div></> }))} />
            {shown.versions.length > 1 && <Typography.Text type="secondary">共 {shown.versions.length} 个版本：{shown.versions.map((v: any) => `第 ${v.version} 版（${v.statusName}）`).join('、')}</Typography.Text>}
          </>
        )}
      </Drawer>
      {r && form && form !== 'indicators' && <TermsModal key={`${r.id}-${r.revision}-${form}`} record={r} mode={form} open onClose={() => setForm(undefined)} onDone={formDone} />}
      {r && form === 'indicators' && <IndicatorModal record={r} open onClose={() => setForm(undefined)} onDone={formDone} />}
      <Modal title={acting ? { approve: '批准利益共享记录', reject: '驳回利益共享记录', confirm: '确认利益共享记录' }[acting.action] : ''} open={!!acting} onOk={act} onCancel={() => setActing(undefined)} confirmLoading={busy} okText="提交" cancelText="取消" okButtonProps={{ danger: acting?.action === 'reject' }}>
        <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} placeholder={acting?.action === 'reject' ? '驳回意见（必填）' : '意见（可选）'} data-testid="sharing-comment" />
      </Modal>
    </>
  );
}
