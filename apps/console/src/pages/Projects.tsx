import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Input, Modal, Space, Steps, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { offerApi, type Read } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { useAction } from '../components/useAction';
import { ListTable, usePaging } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { ParkPicker, useParkId } from '../components/ParkPicker';
import { ParkOwnerFilter, useOwnerFilter } from '../components/ParkOwnerFilter';
import { fmtAmount, fmtTime, STAGE_COLORS } from '../labels';

const MAIN = ['洽谈', '签约', '开工', '投产'];

export default function Projects() {
  const { actor, catalog, user } = useSession();
  const { message } = App.useApp();
  const [parkId] = useParkId();
  const [owner] = useOwnerFilter();
  const page = usePaging(10);
  const { data, error, loading, reload } = useApi<Read<'GET /api/parks/{parkId}/offers'>>(parkId ? offerApi.inboxPath(parkId, { status: 'accepted', owner, page: page.current, pageSize: page.size }) : null);
  const [moving, setMoving] = useState<{ o: any; to: string }>();
  const [note, setNote] = useState('');
  const { busy, run } = useAction();
  const canAct = user?.role === 'park_operator';

  const move = async () => {
    if (!moving) return;
    await run(async () => {
      await offerApi.stage(parkId!, moving.o.leadId, { stage: moving.to, ...(note.trim() ? { note: note.trim() } : {}) });
      message.success(`${moving.o.company ?? moving.o.leadCode} 已进入「${moving.to}」阶段`);
      setMoving(undefined);
      setNote('');
      reload();
    });
  };

  return (
    <>
      <PageHeader title="承接项目" sub={`${catalog.parkName(parkId)} 已接收的项目及其推进阶段：洽谈 → 签约 → 开工 → 投产`} extra={<><ParkPicker /><ParkOwnerFilter parkId={parkId} onPick={() => page.first()} /><Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button></>} />
      <Card>
        <ListTable data-testid="projects-table" rowKey="offerId" read={{ data, error, loading }} paging={page} unit="个项目"
          locale={{ emptyText: owner ? '该责任人暂无负责的项目' : '暂无已接收的项目' }}
          columns={[
            { title: '项目', dataIndex: 'company', render: (c, o) => <Space direction="vertical" size={0}><Link to={`/leads/${o.leadId}`}>{c ?? o.leadCode}</Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.leadCode} · {o.sector ?? '未分类'} · {fmtAmount(o.amount)} · 来源 {catalog.boardName(o.originBoard)}</Typography.Text></Space> },
            {
              title: '阶段',
              dataIndex: 'stage',
              width: 380,
              render: (s: string) =>
                MAIN.includes(s) ? (
                  <Steps size="small" current={MAIN.indexOf(s)} items={MAIN.map((m) => ({ title: m }))} />
                ) : (
                  <Tag color={STAGE_COLORS[s]}>{s}</Tag>
                ),
            },
            { title: '责任人', dataIndex: 'owner', width: 100, render: (o) => o?.name ?? '—' },
            { title: '接收时间', dataIndex: 'createdAt', width: 140, render: fmtTime },
            {
              title: '推进',
              width: 220,
              render: (_, o) =>
                canAct ? (
                  <Space wrap size={4}>
                    {(o.nextStages as string[] ?? []).map((to) => (
                      <Button key={to} size="small" type={MAIN.includes(to) ? 'primary' : 'default'} danger={to === '终止'} onClick={() => setMoving({ o, to })} data-testid={`stage-${to}`}>
                        {MAIN.includes(to) ? (o.stage === '暂停' ? `恢复到${to}` : `进入${to}`) : to}
                      </Button>
                    ))}
                    {!(o.nextStages ?? []).length && <Typography.Text type="secondary">已结束</Typography.Text>}
                  </Space>
                ) : '—',
            },
          ]}
        />
      </Card>
      <Modal title={moving ? `将「${moving.o.company ?? moving.o.leadCode}」推进到「${moving.to}」` : ''} open={!!moving} onOk={move} onCancel={() => setMoving(undefined)} okText="确认" cancelText="取消" confirmLoading={busy}>
        <Typography.Paragraph type="secondary">记录时间与操作人（{actor}）。</Typography.Paragraph>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="备注（可选），如：签约仪式、开工奠基" />
      </Modal>
    </>
  );
}
