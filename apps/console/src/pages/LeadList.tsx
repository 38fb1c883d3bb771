import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { qs } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { PageHeader } from '../components/PageHeader';
import { fmtAmount, fmtTime, LEAD_STATUS, STAGE_COLORS } from '../labels';

export default function LeadList() {
  const { user, catalog } = useSession();
  const [sp, setSp] = useSearchParams();
  const f = Object.fromEntries(sp.entries()) as Record<string, string>;
  const board = f.board ?? (user?.role === 'promoter' ? user.boardId : undefined);
  const page = Number(f.page ?? 1);
  const pageSize = Number(f.pageSize ?? 20);
  const path = `/api/leads${qs({ board, status: f.status, sector: f.sector, park: f.park, from: f.from, to: f.to, q: f.q, repeat: f.repeat, page, pageSize })}`;
  const { data, error, loading, reload } = useApi<{ items: any[]; total: number }>(path);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: true });
  };
  const range = useMemo(() => (f.from && f.to ? [dayjs(f.from), dayjs(f.to)] as [dayjs.Dayjs, dayjs.Dayjs] : null), [f.from, f.to]);

  return (
    <>
      <PageHeader
        title="线索列表"
        sub={user?.role === 'promoter' ? `默认显示${catalog.boardName(user.boardId)}报送的线索` : '全市各板块报送的招商线索'}
        extra={<>
          <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
          {user?.role === 'promoter' && <Link to="/leads/new"><Button type="primary" icon={<PlusOutlined />}>提交线索</Button></Link>}
        </>}
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search placeholder="企业、描述或编号" allowClear defaultValue={f.q} onSearch={(q) => set({ q })} style={{ width: 220 }} data-testid="lead-search" />
          <Select placeholder="来源板块" allowClear style={{ width: 180 }} value={board} onChange={(v) => set({ board: v ?? '' })} options={catalog.boards.map((b) => ({ value: b.id, label: b.name }))} showSearch optionFilterProp="label" />
          <Select placeholder="状态" allowClear style={{ width: 120 }} value={f.status} onChange={(v) => set({ status: v })} options={Object.entries(LEAD_STATUS).map(([k, v]) => ({ value: k, label: v.label }))} />
          <Input placeholder="行业" allowClear defaultValue={f.sector} onPressEnter={(e) => set({ sector: (e.target as HTMLInputElement).value })} onBlur={(e) => e.target.value !== (f.sector ?? '') && set({ sector: e.target.value })} style={{ width: 140 }} />
          <Select placeholder="推送/承接园区" allowClear style={{ width: 200 }} value={f.park} onChange={(v) => set({ park: v })} options={catalog.parks.map((p) => ({ value: p.id, label: p.name }))} showSearch optionFilterProp="label" />
          <Select placeholder="重复报送" allowClear style={{ width: 160 }} value={f.repeat} onChange={(v) => set({ repeat: v })} options={[{ value: 'same-board', label: '本板块重复报送' }]} data-testid="lead-repeat-filter" />
          <DatePicker.RangePicker value={range} onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table
          data-testid="lead-table"
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 条`, onChange: (p, s) => set({ page: String(p), pageSize: String(s) }) }}
          columns={[
            { title: '编号', dataIndex: 'code', width: 100, render: (c, r) => <Link to={`/leads/${r.id}`}>{c}</Link> },
            { title: '企业 / 项目', dataIndex: 'company', render: (c, r) => <Space direction="vertical" size={0}><span>{c ?? <Typography.Text type="secondary">{r.view === 'deidentified' ? '（接收前不显示企业，摘要已脱敏）' : '（未填企业）'}</Typography.Text>}</span><Typography.Text type="secondary" ellipsis style={{ maxWidth: 420, fontSize: 12 }}>{r.description}</Typography.Text></Space> },
            { title: '行业', dataIndex: 'primarySector', width: 130, render: (s, r) => s ?? r.sector ?? '—' },
            { title: '投资额', dataIndex: 'amount', width: 100, render: fmtAmount },
            { title: '来源板块', dataIndex: 'originBoard', width: 140, render: (b) => catalog.boardName(b) },
            { title: '状态', dataIndex: 'status', width: 150, render: (s, r) => <Space size={4}><Tag color={LEAD_STATUS[s]?.color}>{LEAD_STATUS[s]?.label ?? s}</Tag>{r.stage && <Tag color={STAGE_COLORS[r.stage]}>{r.stage}</Tag>}</Space> },
            { title: '承接园区', dataIndex: 'acceptedParkId', width: 150, render: (p) => (p ? catalog.parkName(p) : '—') },
            { title: '提交时间', dataIndex: 'createdAt', width: 150, render: fmtTime },
          ]}
        />
      </Card>
    </>
  );
}
