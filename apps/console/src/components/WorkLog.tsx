import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError, leadApi, type Read } from '../api';
import { useSession } from '../session';
import { useApi } from './useApi';
import { useAction } from './useAction';

const KIND_COLORS: Record<string, string> = { 电话: 'blue', 走访: 'green', 会谈: 'purple', 考察: 'orange', 签约仪式: 'red' };

/** Server field errors go next to their field (details[].field), the rest to a message. */
function showErrors(form: ReturnType<typeof Form.useForm>[0], e: unknown, fallback: (m: string) => void) {
  const details = e instanceof ApiError ? (e.details ?? []).filter((d) => d.field) : [];
  if (details.length) form.setFields(details.map((d) => ({ name: d.field!, errors: [d.message.replace(/^[a-zA-Z]+：/, '')] })));
  else fallback((e as Error).message);
}

/** 责任人: the origin board's and the accepting park's; each desk names one of its own staff. */
export function OwnersCard({ lead, onChange }: { lead: any; onChange: () => void }) {
  const { user, catalog } = useSession();
  const { message } = App.useApp();
  const side = user?.role === 'promoter' && user.boardId === lead.originBoard ? 'board' : user?.role === 'park_operator' && user.parkId === lead.acceptedParkId ? 'park' : null;
  const { data: staff } = useApi<Read<'GET /api/staff'>>(side ? '/api/staff' : null);
  const { busy, run } = useAction();
  const assign = (userId: string | null) => run(async () => {
    await leadApi.assign(lead.id, { userId });
    message.success(userId ? '已指派责任人' : '已取消责任人');
    onChange();
  });
  const row = (which: 'board' | 'park', label: string) => {
    const current = lead.owners?.[which];
    if (side === which)
      return (
        <Select
          data-testid={`owner-${which}`}
          style={{ width: '100%', maxWidth: 260 }}
          placeholder={`选择${label}`}
          allowClear
          loading={busy || !staff}
          value={current?.id}
          onChange={(v) => assign(v ?? null)}
          options={(staff?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          showSearch
          optionFilterProp="label"
        />
      );
    return current ? current.name : <Typography.Text type="secondary">未指派</Typography.Text>;
  };
  return (
    <Card title="责任人" style={{ marginBottom: 16 }} data-testid="lead-owners">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={`${catalog.boardName(lead.originBoard)}`}>{row('board', '板块责任人')}</Descriptions.Item>
        {lead.acceptedParkId && <Descriptions.Item label={catalog.parkName(lead.acceptedParkId)}>{row('park', '园区责任人')}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

/** 跟进记录: the contacts with the company, newest first, and a form to add one. */
export function FollowUpsCard({ leadId, canWrite }: { leadId: string; canWrite: boolean }) {
  const { catalog } = useSession();
  const { message } = App.useApp();
  const { data, error, reload } = useApi<Read<'GET /api/leads/{id}/follow-ups'>>(`/api/leads/${leadId}/follow-ups`);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const kinds = catalog.meta.followUpKinds ?? [];
  const save = async () => {
    const v = await form.validateFields().catch(() => undefined); // the form shows what is missing
    if (!v) return;
    setBusy(true);
    try {
      await leadApi.followUp(leadId, {
        happenedOn: v.happenedOn.format('YYYY-MM-DD'),
        kind: v.kind,
        participants: v.participants,
        summary: v.summary,
        ...(v.nextStep?.trim() ? { nextStep: v.nextStep.trim() } : {}),
        ...(v.nextStepOn ? { nextStepOn: v.nextStepOn.format('YYYY-MM-DD') } : {}),
      });
      message.success('已记录跟进');
      setOpen(false);
      form.resetFields();
      reload();
    } catch (e) {
      showErrors(form, e, (m) => message.error(m));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title="跟进记录"
      style={{ marginBottom: 16 }}
      data-testid="lead-follow-ups"
      extra={canWrite && <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="follow-up-add">记录跟进</Button>}
    >
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : !data?.items.length ? <Empty description="还没有跟进记录" image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <Timeline
          items={data.items.map((f) => ({
            color: KIND_COLORS[f.kind] ?? 'blue',
            content: (
              <div data-testid="follow-up-item">
                <Space size={6} wrap><Typography.Text strong>{f.happenedOn}</Typography.Text><Tag color={KIND_COLORS[f.kind]}>{f.kind}</Tag><Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.authorName} 记录</Typography.Text></Space>
                <div style={{ fontSize: 13 }}>参加人员：{f.participants}</div>
                <div style={{ whiteSpace: 'pre-wrap' }}>{f.summary}</div>
                {f.nextStep && <div style={{ fontSize: 12 }}><Tag color={f.remindedAt ? 'warning' : 'default'}>下一步 {f.nextStepOn}{f.remindedAt ? ' 已到期' : ''}</Tag>{f.nextStep}</div>}
              </div>
            ),
          }))}
        />
      )}
      <Modal title="记录跟进" open={open} onOk={save} onCancel={() => setOpen(false)} okText="保存" cancelText="取消" confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ happenedOn: dayjs(), kind: '走访' }} data-testid="follow-up-form">
          <Space wrap style={{ width: '100%' }}>
            <Form.Item name="happenedOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
            <Form.Item name="kind" label="方式" rules={[{ required: true, message: '请选择方式' }]}><Select style={{ width: 140 }} options={kinds.map((k) => ({ value: k, label: k }))} /></Form.Item>
          </Space>
          <Form.Item name="participants" label="参加人员" rules={[{ required: true, whitespace: true, message: '请填写参加人员' }]}><Input placeholder="如：王敏、企业张总" maxLength={300} /></Form.Item>
          <Form.Item name="summary" label="跟进情况" rules={[{ required: true, whitespace: true, message: '请填写跟进情况' }]}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
          <Space wrap style={{ width: '100%' }} align="start">
            <Form.Item name="nextStep" label="下一步" style={{ minWidth: 240 }}><Input placeholder="如：安排园区考察" maxLength={500} /></Form.Item>
            <Form.Item name="nextStepOn" label="下一步日期" dependencies={['nextStep']} rules={[({ getFieldValue }) => ({ validator: (_, v) => (getFieldValue('nextStep')?.trim() && !v ? Promise.reject(new Error('请选择下一步的日期')) : Promise.resolve()) })]}><DatePicker /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
