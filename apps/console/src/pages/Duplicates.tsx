import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Form, Input, Modal, Radio, Segmented, Select, Space, Tag, Typography, type FormInstance } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { type Read } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { useAction } from '../components/useAction';
import { ListTable, usePaging } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { DUPLICATE_REASON, DUPLICATE_STATUS, fmtTime } from '../labels';
import { Person } from '../components/Person';
import { reviewApi, type ReviewQuery } from '../requests';

export default function Duplicates() {
  const { catalog } = useSession();
  const { message } = App.useApp();
  const [status, setStatus] = useState<NonNullable<ReviewQuery<'duplicates'>['status']> | 'all'>('flagged');
  const [reason, setReason] = useState<ReviewQuery<'duplicates'>['reason']>();
  const [board, setBoard] = useState<string>();
  const [search, setSearch] = useState('');
  const page = usePaging(20);
  const { data, error, loading, reload } = useApi<Read<'GET /api/duplicates'>>(
    reviewApi.duplicatesPath({ status: status === 'all' ? undefined : status, reason, board, q: search || undefined, page: page.current, pageSize: page.size }),
  );
  const [settling, setSettling] = useState<any>();
  const { busy, run } = useAction();
  const [form] = Form.useForm();
  const verdict = Form.useWatch('status', form);
  const [selected, setSelected] = useState<string[]>([]);
  const [batchOpen, setBatchOpen] = useState(false);
  const [batchForm] = Form.useForm();
  const first = (f: () => void) => { f(); page.first(); setSelected([]); };

  const settleBatch = async () => {
    const v = await batchForm.validateFields();
    // A refused batch names every pair it refuses: the message stays longer.
    await run(async () => {
      const r = await reviewApi.settleMany({ ids: selected, status: v.status, comment: v.comment.trim() });
      message.success(`已裁定 ${r.settled} 条；所有线索均保留`);
      setBatchOpen(false);
      setSelected([]);
      reload();
    }, true, 8);
  };

  const settle = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await reviewApi.settle(settling.id, { status: v.status, comment: v.comment.trim(), ...(v.status === 'confirmed' ? { firstReportLeadId: v.firstReportLeadId } : {}) });
      message.success('已裁定；两条线索均保留');
      setSettling(undefined);
      reload();
    });
  };

  const side = (code: string, id: string, company: string | null, board: string) => (
    <Space direction="vertical" size={0}><Link to={`/leads/${id}`}>{code}</Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{company ?? '（未填企业）'} · {catalog.boardName(board)}</Typography.Text></Space>
  );

  return (
    <>
      <PageHeader title="项目撞车" sub="不同板块报送了同一企业或项目时在此裁定首报；同一板块的重复报送由该板块在线索详情中查看；任何一条报送都不会被删除" extra={<Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented value={status} onChange={(v) => first(() => setStatus(v as typeof status))}
            options={[{ value: 'flagged', label: '待裁定' }, { value: 'confirmed', label: '确认重复' }, { value: 'dismissed', label: '不是重复' }, { value: 'all', label: '全部' }]} />
          <Input.Search placeholder="线索编号、企业名称或信用代码" allowClear style={{ width: 260 }} onSearch={(v) => first(() => setSearch(v.trim()))} data-testid="duplicates-search" />
          <Select placeholder="依据" allowClear style={{ width: 180 }} value={reason} onChange={(v) => first(() => setReason(v))}
            options={[{ value: 'credit_code', label: DUPLICATE_REASON.credit_code }, { value: 'company_name', label: DUPLICATE_REASON.company_name }, { value: 'description', label: DUPLICATE_REASON.description }]} />
          <Select placeholder="板块（任一方）" allowClear style={{ width: 180 }} value={board} onChange={(v) => first(() => setBoard(v))} options={catalog.boards.map((b) => ({ value: b.id, label: b.name }))} showSearch optionFilterProp="label" />
          <Button type="primary" disabled={!selected.length} onClick={() => { batchForm.setFieldsValue({ status: 'dismissed', comment: '' }); setBatchOpen(true); }} data-testid="settle-selected">
            批量裁定{selected.length ? `（${selected.length} 条）` : ''}
          </Button>
        </Space>
        <ListTable data-testid="duplicates-table" rowKey="id" read={{ data, error, loading }} paging={page} scroll={{ x: 'max-content' }} locale={{ emptyText: '没有记录' }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (d) => ({ disabled: d.status !== 'flagged' }) }}
          columns={[
            { title: '先报线索', render: (_, d) => side(d.other_lead_code, d.other_lead_id, d.other_company, d.other_board) },
            { title: '后报线索', render: (_, d) => side(d.lead_code, d.lead_id, d.lead_company, d.lead_board) },
            { title: '依据', dataIndex: 'reason', width: 170, render: (r, d) => <>{DUPLICATE_REASON[r] ?? r}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>相似度 {Math.round(d.similarity * 100)}%</Typography.Text></div></> },
            { title: '状态', dataIndex: 'status', width: 120, render: (s, d) => <><Tag color={DUPLICATE_STATUS[s]?.color}>{DUPLICATE_STATUS[s]?.label ?? s}</Tag>{d.held && <div><Tag color="orange" style={{ marginTop: 4 }}>后报线索已暂停推送</Tag></div>}</> },
            { title: '发现时间', dataIndex: 'created_at', width: 150, render: fmtTime },
            {
              title: '裁定',
              width: 200,
              render: (_, d) => d.status === 'flagged'
                ? <Button size="small" type="primary" onClick={() => { setSettling(d); form.setFieldsValue({ status: 'confirmed', firstReportLeadId: d.first_report_lead_id, comment: '' }); }} data-testid="settle-duplicate">裁定</Button>
                : <Typography.Text type="secondary" style={{ fontSize: 12 }}><Person id={d.settled_by} /> {fmtTime(d.settled_at)}<br />{d.comment}</Typography.Text>,
            },
          ]}
        />
      </Card>
      <Modal title="裁定疑似重复" open={!!settling} onOk={settle} onCancel={() => setSettling(undefined)} okText="提交裁定" cancelText="取消" confirmLoading={busy} destroyOnHidden>
        <VerdictForm form={form} example="如：同一企业同一项目，海安先报">
          {verdict === 'confirmed' && settling && (
            <Form.Item name="firstReportLeadId" label="首报线索（享有首报权益）" rules={[{ required: true, message: '请选择首报线索' }]}>
              <Radio.Group options={[
                { value: settling.other_lead_id, label: `${settling.other_lead_code}（${catalog.boardName(settling.other_board)}）` },
                { value: settling.lead_id, label: `${settling.lead_code}（${catalog.boardName(settling.lead_board)}）` },
              ]} />
            </Form.Item>
          )}
        </VerdictForm>
      </Modal>
      <Modal title={`批量裁定 ${selected.length} 条疑似重复`} open={batchOpen} onOk={settleBatch} onCancel={() => setBatchOpen(false)} okText="提交裁定" cancelText="取消" confirmLoading={busy} destroyOnHidden>
        <Typography.Paragraph type="secondary">一次提交，全部成功或全部不保存；确认重复时各对保留系统判定的首报（先报线索），如需改定首报请逐条裁定。</Typography.Paragraph>
        <VerdictForm form={batchForm} example="如：名称相近但为不同企业" />
      </Modal>
    </>
  );
}

/** The verdict (结论) and its reason (裁定说明), one pair or a batch; `children` stand between them. */
function VerdictForm({ form, example, children }: { form: FormInstance; example: string; children?: ReactNode }) {
  return (
    <Form form={form} layout="vertical">
      <Form.Item name="status" label="结论">
        <Radio.Group options={[{ value: 'confirmed', label: '同一项目（确认重复）' }, { value: 'dismissed', label: '不是同一项目' }]} />
      </Form.Item>
      {children}
      <Form.Item name="comment" label="裁定说明" rules={[{ required: true, whitespace: true, message: '请填写裁定说明' }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={example} />
      </Form.Item>
    </Form>
  );
}
