import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { adminApi, api } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { ListTable } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { fmtTime } from '../labels';

/** API 令牌: long-lived tokens for integrations; shown once when created, revocable at once. */
export default function AdminTokens() {
  const { user } = useSession();
  const { message } = App.useApp();
  const admin = user?.role === 'admin';
  const { data, error, loading, reload } = useApi<{ items: any[] }>(adminApi.tokensPath({ pageSize: 100 }));
  const users = useApi<{ items: any[] }>(admin ? adminApi.usersPath({ pageSize: 100 }) : null);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string>();
  const [form] = Form.useForm();
  const create = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    try {
      const r = await adminApi.createToken({ name: v.name, ...(v.username ? { username: v.username } : {}), ...(v.expiresInDays ? { expiresInDays: v.expiresInDays } : {}) });
      setOpen(false);
      form.resetFields();
      setShown(r.token);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const revoke = async (id: string) => {
    try {
      await api.delete(`/api/auth/api-tokens/${id}`);
      message.success('已吊销，令牌立即失效');
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <PageHeader title="API 令牌" sub={admin ? '对接系统使用的长期令牌：全部账号' : '对接系统使用的长期令牌：本账号'} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="token-create">新建令牌</Button>} />
      {shown && (
        <Alert type="warning" showIcon closable onClose={() => setShown(undefined)} style={{ marginBottom: 16 }} title="令牌只显示这一次，请立即复制保存"
          description={<Typography.Text copyable code data-testid="token-value">{shown}</Typography.Text>} />
      )}
      <Card>
        <ListTable data-testid="tokens-table" rowKey="id" size="small" read={{ data, error, loading }} pagination={false} scroll={{ x: 'max-content' }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '账号', dataIndex: 'username' },
            { title: '创建时间', dataIndex: 'createdAt', render: fmtTime },
            { title: '到期', dataIndex: 'expiresAt', render: (t) => (t ? fmtTime(t) : '不过期') },
            { title: '最近使用', dataIndex: 'lastUsedAt', render: fmtTime },
            { title: '状态', dataIndex: 'active', render: (a, t: any) => (a ? <Tag color="green">有效</Tag> : <Tag>{t.revokedAt ? '已吊销' : '已过期'}</Tag>) },
            { title: '操作', render: (_, t: any) => t.active && <Popconfirm title="吊销后立即失效，确定？" okText="吊销" cancelText="取消" onConfirm={() => revoke(t.id)}><Button type="link" danger size="small">吊销</Button></Popconfirm> },
          ]}
        />
      </Card>
      <Modal title="新建 API 令牌" open={open} onOk={create} onCancel={() => setOpen(false)} okText="创建" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" data-testid="token-form">
          <Form.Item name="name" label="名称（用途）" rules={[{ required: true, whitespace: true, message: '请给令牌起个名字，便于日后识别' }]}><Input placeholder="如 海安市招商系统对接" /></Form.Item>
          {admin && <Form.Item name="username" label="代表账号（默认本人）"><Select allowClear showSearch optionFilterProp="label" options={(users.data?.items ?? []).filter((u) => !u.disabled).map((u) => ({ value: u.username, label: `${u.name}（${u.username}）` }))} /></Form.Item>}
          <Form.Item name="expiresInDays" label="有效天数（不填为系统默认）"><InputNumber min={1} max={3650} style={{ width: 160 }} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
