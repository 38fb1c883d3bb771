import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { adminApi, type Session } from '../api';
import { useSession } from '../session';
import { homeFor } from '../home';

export function LoginPage() {
  const { signIn } = useSession();
  const nav = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const done = (s: Session) => {
    signIn(s);
    nav(homeFor(s.user.role), { replace: true });
  };

  const login = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await adminApi.login({ username: v.username.trim(), password: v.password });
      done({ token: r.token, expiresAt: r.expiresAt, user: r.user });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pm-login">
      <Card className="pm-login-card" variant="borderless">
        <Typography.Title level={3} style={{ marginBottom: 4 }}>南通科技招商共享平台</Typography.Title>
        <Typography.Paragraph type="secondary">全市科技招商线索共享 · 园区智能匹配 · 利益共享</Typography.Paragraph>
        <Form layout="vertical" onFinish={login} requiredMark={false} data-testid="login-form">
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form.Item name="username" label="账号" rules={[{ required: true, message: '请输入账号' }]}>
            <Input prefix={<UserOutlined />} placeholder="如 promoter-haian" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
          <Divider plain style={{ fontSize: 12, color: '#999' }}>演示账号</Divider>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            manager（市科技局）、promoter-haian（海安招商）、operator-rudong-dz（如东开发区）等；密码见部署说明。
          </Typography.Paragraph>
        </Form>
      </Card>
    </div>
  );
}
