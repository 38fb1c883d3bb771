import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Divider, Form, Input, Select, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError, request, type Session, type User } from '../api';
import { parkWithBoard, ROLE_NAMES } from '../labels';
import { useSession } from '../session';
import { homeFor } from '../App';

type Mode = 'checking' | 'login' | 'dev';

export function LoginPage() {
  const { signIn } = useSession();
  const nav = useNavigate();
  const [mode, setMode] = useState<Mode>('checking');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [boards, setBoards] = useState<{ id: string; name: string }[]>([]);
  const [parks, setParks] = useState<{ id: string; name: string; board: { name: string } }[]>([]);
  const [devRole, setDevRole] = useState<User['role']>('promoter');

  useEffect(() => {
    // No sign-in on the server yet (404) → the development role picker; otherwise the login form.
    request('GET', '/api/auth/me', undefined, { quiet401: true }).then(
      () => setMode('login'),
      (e: ApiError) => setMode(e.status === 404 ? 'dev' : 'login'),
    );
  }, []);

  useEffect(() => {
    if (mode !== 'dev') return;
    request('GET', '/api/boards').then((r) => setBoards(r.items), () => undefined);
    request('GET', '/api/parks').then((r) => setParks(r.items), () => undefined);
  }, [mode]);

  const done = (s: Session) => {
    signIn(s);
    nav(homeFor(s.user.role), { replace: true });
  };

  const login = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await request<{ token: string; expiresAt: string; user: User }>('POST', '/api/auth/login', { username: v.username.trim(), password: v.password }, { quiet401: true });
      done({ token: r.token, expiresAt: r.expiresAt, user: r.user });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMode('dev');
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const devLogin = (v: { role: User['role']; boardId?: string; parkId?: string }) => {
    const where = v.boardId ? boards.find((b) => b.id === v.boardId)?.name : v.parkId ? parks.find((p) => p.id === v.parkId)?.name : '市科技局';
    const username = v.role === 'promoter' ? `promoter-${v.boardId}` : v.role === 'park_operator' ? `operator-${v.parkId}` : v.role;
    done({ devMode: true, user: { id: `dev:${username}`, username, name: `${where ?? ''}${ROLE_NAMES[v.role]}（开发）`, role: v.role, boardId: v.boardId, parkId: v.parkId } });
  };

  return (
    <div className="pm-login">
      <Card className="pm-login-card" variant="borderless">
        <Typography.Title level={3} style={{ marginBottom: 4 }}>南通科技招商共享平台</Typography.Title>
        <Typography.Paragraph type="secondary">全市科技招商线索共享 · 园区智能匹配 · 利益共享</Typography.Paragraph>
        {mode === 'login' && (
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
        )}
        {mode === 'dev' && (
          <>
            <Alert type="warning" showIcon title="开发模式：服务器尚未启用登录" description="接口当前不校验身份。请选择要模拟的角色；启用登录后此处将改为账号密码登录。" style={{ marginBottom: 16 }} />
            <Form layout="vertical" onFinish={devLogin} initialValues={{ role: 'promoter' }} data-testid="dev-login-form">
              <Form.Item name="role" label="角色">
                <Select onChange={(r) => setDevRole(r)} options={(['promoter', 'park_operator', 'manager', 'admin'] as const).map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
              </Form.Item>
              {devRole === 'promoter' && (
                <Form.Item name="boardId" label="所属板块" rules={[{ required: true, message: '请选择板块' }]}>
                  <Select showSearch optionFilterProp="label" options={boards.map((b) => ({ value: b.id, label: b.name }))} placeholder="选择板块" />
                </Form.Item>
              )}
              {devRole === 'park_operator' && (
                <Form.Item name="parkId" label="所属园区" rules={[{ required: true, message: '请选择园区' }]}>
                  <Select showSearch optionFilterProp="label" options={parks.map((p) => ({ value: p.id, label: parkWithBoard(p.name, p.board.name) }))} placeholder="选择园区" />
                </Form.Item>
              )}
              <Space direction="vertical" style={{ width: '100%' }}>
                <Button type="primary" htmlType="submit" block>以此身份进入（开发模式）</Button>
              </Space>
            </Form>
          </>
        )}
        {mode === 'checking' && <Typography.Text type="secondary">正在连接服务器…</Typography.Text>}
      </Card>
    </div>
  );
}
