import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { type Read, type User } from '../api';
import { fmtTime } from '../labels';
import { useApi } from './useApi';
import { reviewApi, type ReviewRequest } from '../requests';

/** Whose inbox a user reads: the board's, the park's or the city's (admin has none). */
function inboxOf(u: User): ReviewRequest<'markRead'> | null {
  if (u.role === 'promoter' && u.boardId) return { recipientKind: 'board', recipientId: u.boardId };
  if (u.role === 'park_operator' && u.parkId) return { recipientKind: 'park', recipientId: u.parkId };
  if (u.role === 'manager') return { recipientKind: 'manager', recipientId: 'city' };
  return null;
}

/** The header bell: unread notices counted, the newest listed; opening one marks it read. */
export function NoticeBell({ user }: { user: User }) {
  const inbox = inboxOf(user);
  const nav = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const unread = useApi<Read<'GET /api/notifications'>>(inbox ? reviewApi.notificationsPath({ ...inbox, unread: 'true', pageSize: 1 }) : null);
  const recent = useApi<Read<'GET /api/notifications'>>(inbox && open ? reviewApi.notificationsPath({ ...inbox, pageSize: 10 }) : null);
  useEffect(() => {
    const t = setInterval(unread.reload, 60_000);
    return () => clearInterval(t);
  }, [unread.reload]);
  if (!inbox) return null;
  const markRead = async (ids: string[]) => {
    try {
      for (const id of ids) await reviewApi.markRead(id, inbox);
    } catch (e) {
      message.error((e as Error).message);
    }
    unread.reload();
    recent.reload();
  };
  const items = recent.data?.items ?? [];
  const content = (
    <div style={{ width: 'min(360px, 80vw)' }} data-testid="notice-list">
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(n: any) => (
            <List.Item
              style={{ cursor: 'pointer', opacity: n.read_at ? 0.6 : 1 }}
              onClick={async () => {
                if (!n.read_at) await markRead([n.id]);
                if (n.lead_id) {
                  setOpen(false);
                  nav(`/leads/${n.lead_id}`);
                }
              }}
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.read_at}>{n.title}</Typography.Text>}
                description={<><div style={{ fontSize: 12 }}>{n.body}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(n.created_at)}</Typography.Text></>}
              />
            </List.Item>
          )}
        />
      ) : <Empty description="暂无通知" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </div>
  );
  const unreadShown = items.filter((n) => !n.read_at).map((n) => n.id);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={<span>通知{unreadShown.length > 0 && <Button type="link" size="small" onClick={() => markRead(unreadShown)} data-testid="notice-read-all">全部标为已读</Button>}</span>}
      content={content}
    >
      <Button type="text" aria-label="通知" data-testid="notice-bell" icon={<Badge count={unread.data?.total ?? 0} size="small" data-testid="notice-count"><BellOutlined style={{ fontSize: 18 }} /></Badge>} />
    </Popover>
  );
}
