import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api, type Read } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { useAction } from '../components/useAction';
import { ListTable, usePaging } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { fmtAmount, fmtTime } from '../labels';
import { reviewApi } from '../requests';

type Action = { kind: 'send' | 'close'; lead: any };

/** The manager's 待研判 desk: each lead no park took is sent to chosen parks or closed with a reason. */
export default function NoFit() {
  const { catalog } = useSession();
  const page = usePaging(20);
  const { data, error, loading, reload } = useApi<Read<'GET /api/review/no-fit'>>(reviewApi.noFitPath({ page: page.current, pageSize: page.size }));
  const [action, setAction] = useState<Action>();
  const done = () => {
    setAction(undefined);
    reload();
  };
  return (
    <>
      <PageHeader title="无匹配研判" sub="推荐引擎判断没有园区对口、匹配度低于共享门槛或被所有推荐园区拒绝的线索：转推到选定园区，或说明原因后关闭" extra={<Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>} />
      <Card>
        <ListTable data-testid="nofit-table" rowKey="id" read={{ data, error, loading }} paging={page} pagination={{ showSizeChanger: true }} locale={{ emptyText: '没有待研判的线索' }}
          columns={[
            { title: '编号', dataIndex: 'code', width: 90, render: (c, r) => <><Link to={`/leads/${r.id}`}>{c}</Link>{r.reviewReason === 'duplicate' && <div><Link to="/duplicates"><Tag color="orange">疑似撞车</Tag></Link></div>}</> },
            { title: '项目描述', dataIndex: 'description', render: (d, r) => <><div>{r.company ?? <Typography.Text type="secondary">（未填企业）</Typography.Text>}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{d}</Typography.Text></> },
            { title: '识别行业', dataIndex: 'primarySector', width: 110, responsive: ['md'], render: (s, r) => s ?? r.sector ?? <Tag>未识别</Tag> },
            { title: '投资额', dataIndex: 'amount', width: 90, responsive: ['md'], render: fmtAmount },
            { title: '来源板块', dataIndex: 'originBoard', width: 110, responsive: ['lg'], render: (b) => catalog.boardName(b) },
            { title: '提交时间', dataIndex: 'createdAt', width: 140, responsive: ['lg'], render: fmtTime },
            {
              title: '研判', width: 96,
              render: (_, r) => (
                <Space direction="vertical" size={4}>
                  <Button size="small" type="primary" onClick={() => setAction({ kind: 'send', lead: r })} data-testid={`send-${r.code}`}>转推园区</Button>
                  <Button size="small" onClick={() => setAction({ kind: 'close', lead: r })} data-testid={`close-${r.code}`}>关闭</Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {action?.kind === 'send' && <SendDialog lead={action.lead} onDone={done} onCancel={() => setAction(undefined)} />}
      {action?.kind === 'close' && <CloseDialog lead={action.lead} onDone={done} onCancel={() => setAction(undefined)} />}
    </>
  );
}

/** Picks parks from the lead's own ranking, so the manager sees each park's score and reasons. */
function SendDialog({ lead, onDone, onCancel }: { lead: any; onDone: () => void; onCancel: () => void }) {
  const { message } = App.useApp();
  const [detail, setDetail] = useState<Read<'GET /api/leads/{id}'>>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const { busy, error: err, setError: setErr, run } = useAction({ inline: true });
  useEffect(() => {
    api.get<Read<'GET /api/leads/{id}'>>(`/api/leads/${lead.id}`).then(setDetail, (e: Error) => setErr(e.message));
  }, [lead.id, setErr]);
  const send = () => run(async () => {
    const r = await reviewApi.send(lead.id, { parkIds: chosen, ...(note.trim() ? { note: note.trim() } : {}) });
    message.success(`已转推到 ${r.parks.map((p: any) => p.park).join('、')}`);
    onDone();
  });
  const results: any[] = detail?.ranking?.results ?? [];
  return (
    <Modal open title={`转推线索 ${lead.code}`} onOk={send} onCancel={onCancel} okText="转推" cancelText="取消" okButtonProps={{ disabled: !chosen.length, 'data-testid': 'send-confirm' } as any} confirmLoading={busy} width={560}>
      {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">按当前排名选择园区；园区收到推荐后按答复与研判时限处理。</Typography.Paragraph>
      <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])} style={{ width: '100%' }}>
        <Space direction="vertical" style={{ width: '100%', maxHeight: 320, overflowY: 'auto' }}>
          {results.map((x) => (
            <Checkbox key={x.parkId} value={x.parkId} data-testid={`pick-${x.parkId}`}>
              {x.rank}. {x.park} <Tag color={x.score >= 0.3 ? 'blue' : 'default'}>{Math.round(x.score * 100)}%</Tag>
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      <Input.TextArea style={{ marginTop: 12 }} rows={2} maxLength={1000} placeholder="说明（可选），如：已与园区电话沟通" value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
}

function CloseDialog({ lead, onDone, onCancel }: { lead: any; onDone: () => void; onCancel: () => void }) {
  const { catalog } = useSession();
  const { message } = App.useApp();
  const [reason, setReason] = useState<string>();
  const [note, setNote] = useState('');
  const { busy, error: err, run } = useAction({ inline: true });
  const close = () => run(async () => {
    await reviewApi.close(lead.id, { reason: reason!, ...(note.trim() ? { note: note.trim() } : {}) });
    message.success(`线索 ${lead.code} 已关闭，来源板块已收到通知`);
    onDone();
  });
  return (
    <Modal open title={`关闭线索 ${lead.code}`} onOk={close} onCancel={onCancel} okText="关闭线索" cancelText="取消" okButtonProps={{ disabled: !reason, danger: true, 'data-testid': 'close-confirm' } as any} confirmLoading={busy}>
      {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 12 }} />}
      <Select style={{ width: '100%' }} placeholder="关闭原因" value={reason} onChange={setReason} options={catalog.meta.closeReasons.map((r) => ({ value: r.code, label: r.label }))} data-testid="close-reason" />
      <Input.TextArea style={{ marginTop: 12 }} rows={2} maxLength={1000} placeholder="说明（可选）" value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
}
