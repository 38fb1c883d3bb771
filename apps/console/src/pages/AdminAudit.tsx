import { useState } from 'react';
import { Button, Card, DatePicker, Input, Space, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useApi } from '../components/useApi';
import { ListTable, usePaging } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { fmtTime, ROLE_NAMES } from '../labels';
import { Person } from '../components/Person';
import { auditApi } from '../requests';

/** The named actions in words; the others are the route itself (POST /api/leads), as the 动作 box takes them. */
const ACTIONS: Record<string, string> = {
  'view-personal-data': '查看个人信息',
  'attachment.download': '下载附件',
  'auth.login': '登录',
  'auth.login-failed': '登录失败',
  'auth.login-throttled': '登录受限',
};

function target(r: any): string {
  if (r.action === 'attachment.download') return `附件「${r.data?.fileName ?? r.data?.attachmentId ?? ''}」· 线索 ${r.targetId ?? ''}`;
  return r.targetKind ? `${r.targetKind} ${r.targetId ?? ''}` : '—';
}

/** 审计日志: every change and every view of personal data, by person, action and time. */
export default function AdminAudit() {
  const [draft, setDraft] = useState<{ username?: string; action?: string; range?: [Dayjs, Dayjs] | null }>({});
  const [f, setF] = useState<typeof draft>({});
  const page = usePaging(20);
  const { data, error, loading } = useApi<{ items: any[]; total: number }>(
    auditApi.listPath({ username: f.username, action: Object.keys(ACTIONS).find((a) => ACTIONS[a] === f.action?.trim()) ?? f.action, from: f.range?.[0]?.format('YYYY-MM-DD'), to: f.range?.[1]?.format('YYYY-MM-DD'), page: page.current, pageSize: page.size }),
  );
  return (
    <>
      <PageHeader title="审计日志" sub="每一次修改与每一次查看个人信息：谁、何时、做了什么" />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input placeholder="用户名或姓名" allowClear value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value || undefined })} style={{ width: 180 }} data-testid="audit-username" />
          <Input placeholder="动作（如 下载附件、POST /api/leads）" allowClear value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value || undefined })} style={{ width: 240 }} />
          <DatePicker.RangePicker value={draft.range ?? null} onChange={(r) => setDraft({ ...draft, range: r as [Dayjs, Dayjs] | null })} />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => { setF(draft); page.first(); }} data-testid="audit-search">查询</Button>
          <Button onClick={() => { setDraft({}); setF({}); }}>重置</Button>
        </Space>
        <ListTable data-testid="audit-table" rowKey="id" size="small" read={{ data, error, loading }} paging={page} scroll={{ x: 'max-content' }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 150, render: fmtTime },
            // The name people know, the account name beside it: the 用户名 box finds either.
            { title: '人员', dataIndex: 'username', render: (u, r: any) => (u ? <><Person id={u} /><Typography.Text type="secondary" style={{ fontSize: 12 }}> {u} · {ROLE_NAMES[r.role] ?? ''}</Typography.Text></> : '—') },
            { title: '动作', dataIndex: 'action', render: (a: string) => (ACTIONS[a] ? <span title={a}>{ACTIONS[a]}</span> : a) },
            { title: '对象', render: (_, r: any) => target(r) },
            { title: '结果', dataIndex: 'status', width: 70 },
            { title: '地址', dataIndex: 'ip', width: 120 },
          ]}
        />
      </Card>
    </>
  );
}
