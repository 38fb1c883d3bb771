import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import { ApiOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, request, webhookApi, type WebhookRequest } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { ListTable } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { Person } from '../components/Person';
import { fmtTime } from '../labels';

const VERIFY_SAMPLE = `import { createHmac, timingSafeEqual } from 'node:crypto';
// header = 请求头 X-ParkMatch-Signature，rawBody = 未解析的请求体原文
function verifyParkMatch(header, rawBody, secret) {
  const m = /^t=(\\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  const expected = createHmac('sha256', secret).update(\`\${m[1]}.\${rawBody}\`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2], 'hex'));
}`;

/** Webhook subscriptions of the signed-in user's board, park or the city: add, test, switch, rotate, delete. */
export default function Webhooks() {
  const { user, catalog } = useSession();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi<{ items: any[]; total: number }>('/api/webhooks');
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ title: string; secret: string }>();
  const recipient: Omit<WebhookRequest<'register'>, 'url'> = user?.role === 'promoter' ? { recipientKind: 'board', recipientId: user.boardId! } : user?.role === 'park_operator' ? { recipientKind: 'park', recipientId: user.parkId! } : { recipientKind: 'manager', recipientId: 'city' };
  const recipientName = (kind: string, id: string) => (kind === 'board' ? catalog.boardName(id) : kind === 'park' ? catalog.parkName(id) : '南通市科技局');

  const act = async (what: () => Promise<unknown>, ok?: string) => {
    try {
      await what();
      if (ok) message.success(ok);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const add = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const w = await webhookApi.register({ ...recipient, url: v.url.trim() });
      form.resetFields();
      setShown({ title: '已订阅：请立即保存签名密钥', secret: w.secret });
      reload();
    } catch (e) {
      form.setFields([{ name: 'url', errors: [(e as Error).message] }]);
    } finally {
      setBusy(false);
    }
  };

  const test = (id: string) =>
    act(async () => {
      const r = await api.post(`/api/webhooks/${id}/test`);
      if (r.delivered) message.success(`测试通知已送达（HTTP ${r.httpStatus}）`);
      else message.error(`测试通知未送达：${r.error}`);
    });

  return (
    <>
      <PageHeader
        title="Webhook 订阅"
        sub="通知以签名的 JSON POST 推送到贵单位系统；只接受解析到公网地址的 https:// 地址，平台不跟随重定向"
        extra={<Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>}
      />
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={add}>
          <Form.Item name="url" label="接收地址" rules={[{ required: true, whitespace: true, message: '请填写接收地址' }]} style={{ flex: 1, minWidth: 360 }}>
            <Input placeholder="https://oa.example.cn/parkmatch/hook" maxLength={500} data-testid="webhook-url" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<ApiOutlined />} loading={busy} data-testid="webhook-add">订阅</Button>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <ListTable data-testid="webhooks-table" rowKey="id" read={{ data, error, loading }} pagination={false} locale={{ emptyText: '尚未订阅 webhook' }}
          columns={[
            { title: '接收地址', dataIndex: 'url', render: (u, w) => <><Typography.Text copyable>{u}</Typography.Text><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{recipientName(w.recipientKind, w.recipientId)} · <Person id={w.createdBy} /> 于 {fmtTime(w.createdAt)} 订阅</Typography.Text></div></> },
            { title: '启用', dataIndex: 'enabled', width: 80, render: (on, w) => <Switch checked={on} size="small" aria-label="启用" onChange={(v) => act(() => webhookApi.update(w.id, { enabled: v }), v ? '已启用' : '已停用：新通知不再推送')} /> },
            {
              title: '最近投递',
              width: 300,
              render: (_, w) => {
                const d = w.delivery;
                if (!d.lastAttemptAt) return <Typography.Text type="secondary">尚无投递</Typography.Text>;
                return (
                  <Space direction="vertical" size={0} data-testid="webhook-delivery">
                    <span>{d.lastStatus === 'delivered' ? <Tag color="green">已送达</Tag> : <Tag color="red">失败</Tag>}{d.lastHttpStatus ? `HTTP ${d.lastHttpStatus} · ` : ''}{fmtTime(d.lastAttemptAt)}</span>
                    {d.lastError && <Typography.Text type="danger" style={{ fontSize: 12 }}>{d.lastError}</Typography.Text>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>共 {d.attempts} 次尝试，失败 {d.failures} 次</Typography.Text>
                  </Space>
                );
              },
            },
            {
              title: '操作',
              width: 260,
              render: (_, w) => (
                <Space wrap size={4}>
                  <Button size="small" onClick={() => test(w.id)} data-testid="webhook-test">发送测试</Button>
                  <Popconfirm title="更换签名密钥？旧密钥立即作废" okText="更换" cancelText="取消" onConfirm={() => act(async () => { const r = await api.post(`/api/webhooks/${w.id}/secret`); setShown({ title: '新的签名密钥：请立即保存', secret: r.secret }); })}>
                    <Button size="small">更换密钥</Button>
                  </Popconfirm>
                  <Popconfirm title="删除这个 webhook？尚未投递的通知不再推送" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => act(() => request('DELETE', `/api/webhooks/${w.id}`), '已删除')}>
                    <Button size="small" danger data-testid="webhook-delete">删除</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal title={shown?.title} open={!!shown} onOk={() => setShown(undefined)} onCancel={() => setShown(undefined)} okText="我已保存" cancelButtonProps={{ style: { display: 'none' } }} width={640} destroyOnHidden>
        <Alert type="warning" showIcon title="密钥只显示这一次，关闭后无法再查看；遗失请更换密钥。" style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: shown?.secret }} code data-testid="webhook-secret">{shown?.secret}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">每次推送带请求头 X-ParkMatch-Signature: t=&lt;unix 秒&gt;,v1=&lt;签名&gt;，签名为以密钥对「t.请求体原文」计算的 HMAC-SHA256（十六进制）。校验示例：</Typography.Paragraph>
        <pre style={{ fontSize: 12, background: '#f6f6f6', padding: 8, overflowX: 'auto' }}>{VERIFY_SAMPLE}</pre>
      </Modal>
    </>
  );
}
