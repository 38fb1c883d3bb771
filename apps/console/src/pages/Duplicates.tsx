import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api, qs } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { PageHeader } from '../components/PageHeader';
import { DUPLICATE_REASON, DUPLICATE_STATUS, fmtTime } from '../labels';

export default function Duplicates() {
  const { actorField, catalog } = useSession();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('flagged');
  const [page, setPage] = useState({ current: 1, size: 20 });
  const { data, error, loading, reload } = useApi<{ items: any[]; total: number }>(`/api/duplicates${qs({ status: status === 'all' ? undefined : status, page: page.current, pageSize: page.size })}`);
  const [settling, setSettling] = useState<any>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const verdict = Form.useWatch('status', form);

  const settle = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post(`/api/duplicates/${settling.id}/settle`, { status: v.status, ...actorField('by'), comment: v.comment.trim(), ...(v.status === 'confirmed' ? { firstReportLeadId: v.firstReportLeadId } : {}) });
      message.success('已裁定；两条线索均保留');
      setSettling(undefined);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const side = (code: string, id: string, company: string | null, board: string) => (
    <Space direction="vertical" size={0}><Link to={`/leads/${id}`}>{code}</Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{company ?? '（未填企业）'} · {catalog.boardName(board)}</Typography.Text></Space>
  );

  return (
    <>
      <PageHeader title="项目撞车" sub="两个板块报送了同一项目时在此裁定首报；任何一条报送都不会被删除" extra={<Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>} />
      <Card>
        <Segmented value={status} onChange={(v) => { setStatus(v as string); setPage({ ...page, current: 1 }); }} style={{ marginBottom: 16 }}
          options={[{ value: 'flagged', label: '待裁定' }, { value: 'confirmed', label: '确认重复' }, { value: 'dismissed', label: '不是重复' }, { value: 'all', label: '全部' }]} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table
          data-testid="duplicates-table"
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '没有记录' }}
          pagination={{ current: page.current, pageSize: page.size, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 条`, onChange: (c, s) => setPage({ current: c, size: s }) }}
          columns={[
            { title: '先报线索', render: (_, d) => side(d.other_lead_code, d.other_lead_id, d.other_company, d.other_board) },
            { title: '后报线索', render: (_, d) => side(d.lead_code, d.lead_id, d.lead_company, d.lead_board) },
            { title: '依据', dataIndex: 'reason', width: 170, render: (r, d) => <>{DUPLICATE_REASON[r] ?? r}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>相似度 {Math.round(d.similarity * 100)}%</Typography.Text></div></> },
            { title: '状态', dataIndex: 'status', width: 100, render: (s) => <Tag color={DUPLICATE_STATUS[s]?.color}>{DUPLICATE_STATUS[s]?.label ?? s}</Tag> },
            { title: '发现时间', dataIndex: 'created_at', width: 150, render: fmtTime },
            {
              title: '裁定',
              width: 200,
              render: (_, d) => d.status === 'flagged'
                ? <Button size="small" type="primary" onClick={() => { setSettling(d); form.setFieldsValue({ status: 'confirmed', firstReportLeadId: d.first_report_lead_id, comment: '' }); }} data-testid="settle-duplicate">裁定</Button>
                : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.settled_by} {fmtTime(d.settled_at)}<br />{d.comment}</Typography.Text>,
            },
          ]}
        />
      </Card>
      <Modal title="裁定疑似重复" open={!!settling} onOk={settle} onCancel={() => setSettling(undefined)} okText="提交裁定" cancelText="取消" confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="status" label="结论">
            <Radio.Group options={[{ value: 'confirmed', label: '同一项目（确认重复）' }, { value: 'dismissed', label: '不是同一项目' }]} />
          </Form.Item>
          {verdict === 'confirmed' && settling && (
            <Form.Item name="firstReportLeadId" label="首报线索（享有首报权益）" rules={[{ required: true, message: '请选择首报线索' }]}>
              <Radio.Group options={[
                { value: settling.other_lead_id, label: `${settling.other_lead_code}（${catalog.boardName(settling.other_board)}）` },
                { value: settling.lead_id, label: `${settling.lead_code}（${catalog.boardName(settling.lead_board)}）` },
              ]} />
            </Form.Item>
          )}
          <Form.Item name="comment" label="裁定说明" rules={[{ required: true, whitespace: true, message: '请填写裁定说明' }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：同一企业同一项目，海安先报" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
