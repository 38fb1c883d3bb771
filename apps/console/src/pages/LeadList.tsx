import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { download, leadApi, type LeadQuery, type Read } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { useAction } from '../components/useAction';
import { ListTable } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { fmtAmount, fmtTime, LEAD_STATUS, STAGE_COLORS } from '../labels';

const FIELDS = ['q', 'board', 'status', 'sector', 'park', 'owner', 'repeat', 'from', 'to'] as const;

export default function LeadList() {
  const { user, catalog } = useSession();
  const [sp, setSp] = useSearchParams();
  const [form] = Form.useForm();
  const { busy: exporting, run } = useAction();
  const f = Object.fromEntries(sp.entries()) as Record<string, string>;
  const board = f.board ?? (user?.role === 'promoter' ? user.boardId : undefined);
  const page = Number(f.page ?? 1);
  const pageSize = Number(f.pageSize ?? 20);
  // The address bar is not checked here: a value the server refuses comes back as its message.
  const filters = { board, status: f.status, sector: f.sector, park: f.park, owner: f.owner, from: f.from, to: f.to, q: f.q, repeat: f.repeat } as LeadQuery<'export'>;
  const path = leadApi.listPath({ ...filters, page, pageSize });
  const { data, error, loading, reload } = useApi<Read<'GET /api/leads'>>(path);
  const formBoard = Form.useWatch('board', form);
  // 责任人 are a board's staff: a promoter's own; for the city, the board chosen in the form.
  const staffBoard = user?.role === 'promoter' ? user.boardId : formBoard;
  const { data: staff } = useApi<Read<'GET /api/staff'>>(staffBoard ? leadApi.staffPath({ board: user?.role === 'promoter' ? undefined : staffBoard }) : null);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: true });
  };
  useEffect(() => {
    form.setFieldsValue({ q: f.q, board, status: f.status, sector: f.sector, park: f.park, owner: f.owner, repeat: f.repeat, range: f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : undefined });
  }, [sp]); // eslint-disable-line react-hooks/exhaustive-deps
  const search = (v: any) => {
    const patch: Record<string, string | undefined> = Object.fromEntries(FIELDS.map((k) => [k, undefined]));
    for (const k of ['q', 'board', 'status', 'sector', 'park', 'owner', 'repeat'] as const) patch[k] = typeof v[k] === 'string' ? v[k].trim() || undefined : v[k];
    patch.from = v.range?.[0]?.format('YYYY-MM-DD');
    patch.to = v.range?.[1]?.format('YYYY-MM-DD');
    set(patch);
  };
  const reset = () => {
    form.resetFields();
    set(Object.fromEntries(FIELDS.map((k) => [k, undefined])));
  };
  const exportXlsx = () => run(() => download(leadApi.exportPath(filters), '线索列表.xlsx'));

  return (
    <>
      <PageHeader
        title="线索列表"
        sub={user?.role === 'promoter' ? `默认显示${catalog.boardName(user.boardId)}报送的线索` : '全市各板块报送的招商线索'}
        extra={<>
          <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
          <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting} data-testid="lead-export">导出 Excel</Button>
          {user?.role === 'promoter' && <Link to="/leads/new"><Button type="primary" icon={<PlusOutlined />}>提交线索</Button></Link>}
        </>}
      />
      <Card>
        <Form form={form} onFinish={search} data-testid="lead-search-form" style={{ marginBottom: 8 }}>
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={8} xxl={6}><Form.Item name="q" label="关键词"><Input placeholder="企业、描述或编号" allowClear data-testid="lead-search" /></Form.Item></Col>
            <Col xs={24} sm={12} lg={8} xxl={6}><Form.Item name="status" label="状态"><Select placeholder="全部" allowClear options={Object.entries(LEAD_STATUS).map(([k, v]) => ({ value: k, label: v.label }))} /></Form.Item></Col>
            <Col xs={24} sm={12} lg={8} xxl={6}><Form.Item name="sector" label="行业"><Input placeholder="如：半导体" allowClear data-testid="lead-sector" /></Form.Item></Col>
            <Col xs={24} sm={12} lg={8} xxl={6}><Form.Item name="board" label="来源板块"><Select placeholder="全部" allowClear options={catalog.boards.map((b) => ({ value: b.id, label: b.name }))} showSearch optionFilterProp="label" /></Form.Item></Col>
            <Col xs={24} sm={12} lg={8} xxl={6}><Form.Item name="park" label="园区"><Select placeholder="推送或承接的园区" allowClear options={catalog.parks.map((p) => ({ value: p.id, label: p.name }))} showSearch optionFilterProp="label" /></Form.Item></Col>
            <Col xs={24} sm={12} lg={8} xxl={6}><Form.Item name="owner" label="责任人"><Select data-testid="lead-owner-filter" placeholder={staffBoard ? '全部' : '先选来源板块'} disabled={!staffBoard} allowClear options={(staff?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" /></Form.Item></Col>
            <Col xs={24} sm={12} lg={8} xxl={6}><Form.Item name="range" label="提交日期"><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} sm={12} lg={8} xxl={6}><Form.Item name="repeat" label="重复报送"><Select placeholder="全部" allowClear options={[{ value: 'same-board', label: '本板块重复报送' }]} data-testid="lead-repeat-filter" /></Form.Item></Col>
            <Col xs={24} lg={8} xxl={6}><Space><Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="lead-search-submit">查询</Button><Button onClick={reset} icon={<UndoOutlined />} data-testid="lead-search-reset">重置</Button></Space></Col>
          </Row>
        </Form>
        <ListTable data-testid="lead-table" rowKey="id" read={{ data, error, loading }} pagination={{ showSizeChanger: true }} scroll={{ x: 'max-content' }}
          paging={{ current: page, size: pageSize, set: (p, s) => set({ page: String(p), pageSize: String(s) }) }}
          columns={[
            { title: '编号', dataIndex: 'code', width: 100, render: (c, r) => <Link to={`/leads/${r.id}`}>{c}</Link> },
            { title: '企业 / 项目', dataIndex: 'company', render: (c, r) => <Space direction="vertical" size={0}><span>{c ?? <Typography.Text type="secondary">{r.view === 'deidentified' ? '（接收前不显示企业，摘要已脱敏）' : '（未填企业）'}</Typography.Text>}</span><Typography.Text type="secondary" ellipsis style={{ maxWidth: 420, fontSize: 12 }}>{r.description}</Typography.Text></Space> },
            { title: '行业', dataIndex: 'primarySector', width: 130, render: (s, r) => s ?? r.sector ?? '—' },
            { title: '投资额', dataIndex: 'amount', width: 100, render: fmtAmount },
            { title: '来源板块', dataIndex: 'originBoard', width: 140, render: (b) => catalog.boardName(b) },
            { title: '状态', dataIndex: 'status', width: 150, render: (s, r) => <Space size={4}><Tag color={LEAD_STATUS[s]?.color}>{LEAD_STATUS[s]?.label ?? s}</Tag>{r.stage && <Tag color={STAGE_COLORS[r.stage]}>{r.stage}</Tag>}</Space> },
            { title: '承接园区', dataIndex: 'acceptedParkId', width: 150, render: (p) => (p ? catalog.parkName(p) : '—') },
            { title: '责任人', dataIndex: 'owners', width: 110, render: (o) => [o?.board?.name, o?.park?.name].filter(Boolean).join(' / ') || '—' },
            { title: '提交时间', dataIndex: 'createdAt', width: 150, render: fmtTime },
          ]}
        />
      </Card>
    </>
  );
}
