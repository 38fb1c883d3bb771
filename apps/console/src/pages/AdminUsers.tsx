import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { adminApi, ApiError } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { ListTable, usePaging } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { fmtTime, ROLE_NAMES } from '../labels';

type Editing = { mode: 'create' } | { mode: 'edit'; user: any } | { mode: 'password'; user: any };

/** 账号管理 (系统管理员): create, edit role and board/park, disable or restore, reset a password. */
export default function AdminUsers() {
  const { catalog, user: me } = useSession();
  const { message } = App.useApp();
  const page = usePaging(100);
  const { data, loading, reload, error } = useApi<{ items: any[]; total: number }>(adminApi.usersPath({ page: page.current, pageSize: page.size }));
  const [editing, setEditing] = useState<Editing>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form);

  const open = (e: Editing) => {
    form.resetFields();
    if (e.mode === 'edit') form.setFieldsValue({ name: e.user.name, role: e.user.role, boardId: e.user.boardId, parkId: e.user.parkId });
    setEditing(e);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v || !editing) return;
    setBusy(true);
    try {
      if (editing.mode === 'create') await adminApi.createUser({ username: v.username, name: v.name, role: v.role, password: v.password, ...(v.role === 'promoter' ? { boardId: v.boardId } : {}), ...(v.role === 'park_operator' ? { parkId: v.parkId } : {}) });
      else if (editing.mode === 'edit') await adminApi.updateUser(editing.user.id, { name: v.name, role: v.role, boardId: v.role === 'promoter' ? v.boardId : null, parkId: v.role === 'park_operator' ? v.parkId : null });
      else await adminApi.resetPassword(editing.user.id, { password: v.password });
      message.success(editing.mode === 'create' ? `已创建账号 ${v.username}` : editing.mode === 'edit' ? '已保存' : '已重置密码，该账号需用新密码重新登录');
      setEditing(undefined);
      reload();
    } catch (e) {
      const details = e instanceof ApiError ? (e.details ?? []).filter((d) => d.field) : [];
      if (details.length) form.setFields(details.map((d) => ({ name: d.field!, errors: [d.message] })));
      else message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const toggle = async (u: any) => {
    try {
      await adminApi.updateUser(u.id, { disabled: !u.disabled });
      message.success(u.disabled ? `已恢复 ${u.name}` : `已停用 ${u.name}，其登录与令牌立即失效`);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <>
      <PageHeader title="账号管理" sub="创建与停用账号、设置角色与所属板块或园区、重置密码" extra={<><Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button><Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: 'create' })} data-testid="user-create">新建账号</Button></>} />
      <Card>
        <ListTable data-testid="users-table" rowKey="id" size="small" read={{ data, error, loading }} paging={page} unit="个账号" scroll={{ x: 'max-content' }}
          columns={[
            { title: '姓名 / 单位', dataIndex: 'name' },
            { title: '用户名', dataIndex: 'username' },
            { title: '角色', dataIndex: 'role', render: (r) => ROLE_NAMES[r] ?? r },
            { title: '所属', render: (_, u: any) => (u.boardId ? catalog.boardName(u.boardId) : u.parkId ? catalog.parkName(u.parkId) : '—') },
            { title: '状态', dataIndex: 'disabled', render: (d) => (d ? <Tag color="default">已停用</Tag> : <Tag color="green">在用</Tag>) },
            { title: '创建时间', dataIndex: 'createdAt', render: fmtTime },
            {
              title: '操作',
              render: (_, u: any) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => open({ mode: 'edit', user: u })}>编辑</Button>
                  <Button type="link" size="small" onClick={() => open({ mode: 'password', user: u })} data-testid={`user-password-${u.username}`}>重置密码</Button>
                  {u.id !== me?.id && (
                    <Popconfirm title={u.disabled ? `恢复 ${u.name}？` : `停用 ${u.name}？其登录与 API 令牌立即失效`} okText="确定" cancelText="取消" onConfirm={() => toggle(u)}>
                      <Button type="link" size="small" danger={!u.disabled} data-testid={`user-toggle-${u.username}`}>{u.disabled ? '恢复' : '停用'}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        title={editing?.mode === 'create' ? '新建账号' : editing?.mode === 'edit' ? `编辑 ${editing.user.name}` : editing ? `重置 ${editing.user.name} 的密码` : ''}
        open={!!editing}
        onOk={save}
        onCancel={() => setEditing(undefined)}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" data-testid="user-form" initialValues={{ role: 'promoter' }}>
          {editing?.mode === 'create' && <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }, { pattern: /^[a-z0-9][a-z0-9._-]{2,49}$/, message: '3–50 位小写字母、数字、. _ -' }]}><Input placeholder="如 haian-wangmin" /></Form.Item>}
          {editing?.mode !== 'password' && (
            <>
              <Form.Item name="name" label="姓名 / 单位" rules={[{ required: true, whitespace: true, message: '请填写姓名或单位' }]}><Input placeholder="如 海安市招商局-王敏" /></Form.Item>
              <Form.Item name="role" label="角色" rules={[{ required: true }]}><Select options={Object.entries(ROLE_NAMES).map(([value, label]) => ({ value, label }))} /></Form.Item>
              {role === 'promoter' && <Form.Item name="boardId" label="所属板块" rules={[{ required: true, message: '请选择板块' }]}><Select showSearch optionFilterProp="label" options={catalog.boards.map((b) => ({ value: b.id, label: b.name }))} /></Form.Item>}
              {role === 'park_operator' && <Form.Item name="parkId" label="所属园区" rules={[{ required: true, message: '请选择园区' }]}><Select showSearch optionFilterProp="label" options={catalog.parks.map((p) => ({ value: p.id, label: p.name }))} /></Form.Item>}
            </>
          )}
          {editing?.mode !== 'edit' && <Form.Item name="password" label={editing?.mode === 'password' ? '新密码' : '初始密码'} rules={[{ required: true, message: '请填写密码' }, { min: 10, message: '密码至少 10 位' }]}><Input.Password autoComplete="new-password" /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}
