import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Input, Modal, Progress, Segmented, Select, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, postFile } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { useAction } from '../components/useAction';
import { ListTable } from '../components/ListTable';
import { PageHeader } from '../components/PageHeader';
import { parkApi, type ParkQuery } from '../requests';

const STATUS: Record<string, { label: string; color: string }> = { new: { label: '待处理', color: 'processing' }, lead: { label: '已转线索', color: 'success' }, dismissed: { label: '已忽略', color: 'default' } };

/** 招商对象: company lists uploaded for a park, ranked against its directions and open scenarios; one click makes a lead. */
export default function Prospects() {
  const { user, catalog } = useSession();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const parks = catalog.parks.filter((p) => user?.role !== 'promoter' || p.board.id === user.boardId);
  const parkId = user?.role === 'park_operator' ? user.parkId : (sp.get('park') ?? parks[0]?.id);
  const [status, setStatus] = useState<ParkQuery<'prospects'>['status']>('new');
  const [page, setPage] = useState(1);
  const [batch, setBatch] = useState<any>();
  const { busy: uploading, error: err, setError: setErr, run } = useAction({ inline: true });
  const [dismissing, setDismissing] = useState<any>();
  const [reason, setReason] = useState('');
  const list = useApi<any>(parkId ? parkApi.prospectsPath(parkId, { status, page, pageSize: 20 }) : null);

  useEffect(() => {
    if (!batch || batch.status === 'done' || batch.status === 'failed') return;
    const t = setTimeout(() => api.get(`/api/prospect-imports/${batch.id}`).then((b) => { setBatch(b); if (b.status === 'done') list.reload(); }, (e) => setErr(e.message)), 700);
    return () => clearTimeout(t);
  }, [batch, list]);

  const upload = (f: File) => run(async () => {
    const r = await postFile(`/api/parks/${parkId}/prospect-imports`, f);
    setBatch({ id: r.id, status: 'reading', rowsRead: 0, rowsOk: 0, rowsFailed: 0, scored: 0, errors: [] });
  });
  const toLead = async (x: any) => {
    try {
      const r = await api.post(`/api/parks/${parkId}/prospects/${x.id}/lead`, {});
      message.success(`已转为线索 ${r.code}，正在匹配评分`);
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const dismiss = async () => {
    try {
      await parkApi.dismissProspect(parkId!, dismissing.id, { reason: reason.trim() });
      message.success(`已忽略 ${dismissing.name}`);
      setDismissing(undefined);
      setReason('');
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const pct = batch?.rowsOk ? Math.round((batch.scored / batch.rowsOk) * 100) : 0;
  return (
    <>
      <PageHeader
        title="招商对象"
        sub="上传企业名单（数据服务商、行业协会等），按园区主攻方向与开放的应用场景评分排序；一键转为线索或写明原因忽略"
        extra={user?.role !== 'park_operator' && <Select style={{ width: 220 }} value={parkId} onChange={(v) => setSp({ park: v }, { replace: true })} showSearch optionFilterProp="label" options={parks.map((p) => ({ value: p.id, label: p.name }))} data-testid="prospect-park" />}
      />
      <Card title="上传企业名单" style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">CSV（UTF-8 / GBK）或 XLSX，表头：企业名称、统一社会信用代码、经营范围、主营产品、近期投资或扩产、来源；最多 10 万行</Typography.Text>
          <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => { void upload(f); return false; }}>
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="prospect-upload">选择文件并上传</Button>
          </Upload>
          {err && <Alert type="error" showIcon title={err} />}
          {batch && (
            <div data-testid="prospect-progress">
              <Progress percent={batch.status === 'done' ? 100 : pct} status={batch.status === 'failed' ? 'exception' : batch.status === 'done' ? 'success' : 'active'} />
              <Typography.Text>
                {batch.status === 'failed' ? `导入失败：${batch.fileError}` : `已读 ${batch.rowsRead} 行，入库 ${batch.rowsOk} 家，错误 ${batch.rowsFailed} 行，已评分 ${batch.scored} 家${batch.status === 'done' ? '，已完成' : '…'}`}
              </Typography.Text>
              {batch.errors?.slice(0, 5).map((e: any) => <div key={e.row} style={{ fontSize: 12 }}>第 {e.row} 行：{e.errors.map((x: any) => x.message).join('；')}</div>)}
            </div>
          )}
        </Space>
      </Card>
      <Card>
        <Segmented value={status} onChange={(v) => { setStatus(v as typeof status); setPage(1); }} style={{ marginBottom: 12 }} options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))} />
        <ListTable data-testid="prospects-table" rowKey="id" read={list} paging={{ current: page, size: 20, set: setPage }} pagination={{ hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: '暂无招商对象' }}
          columns={[
            {
              title: '企业', dataIndex: 'name',
              render: (n, x: any) => (
                <Space direction="vertical" size={0} style={{ maxWidth: 640 }}>
                  <Typography.Text strong>{n}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[x.products, x.scope].filter(Boolean).join('；').slice(0, 120)}</Typography.Text>
                  {x.reasons.slice(0, 3).map((r: any) => <Typography.Text key={r.text} style={{ fontSize: 12 }}>· {r.text}</Typography.Text>)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>来源：{x.source ?? '—'} · 第 {x.row} 行</Typography.Text>
                </Space>
              ),
            },
            { title: '匹配度', dataIndex: 'score', width: 80, render: (s: number | null, x: any) => (x.scored ? `${Math.round((s ?? 0) * 100)}%` : '评分中') },
            {
              title: '处理', width: 150,
              render: (_, x: any) =>
                x.status === 'new' ? (
                  <Space wrap>
                    <Button size="small" type="primary" onClick={() => toLead(x)} data-testid={`to-lead-${x.row}`}>转为线索</Button>
                    <Button size="small" onClick={() => setDismissing(x)} data-testid={`dismiss-${x.row}`}>忽略</Button>
                  </Space>
                ) : x.status === 'lead' ? <Link to={`/leads/${x.leadId}`}>查看线索</Link> : <Tag>{x.dismissReason}</Tag>,
            },
          ]}
        />
      </Card>
      <Modal title={`忽略 ${dismissing?.name ?? ''}`} open={!!dismissing} onOk={dismiss} okText="忽略" cancelText="取消" okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'dismiss-confirm' } as any} onCancel={() => setDismissing(undefined)}>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder="忽略原因，如：已在本市落地" maxLength={500} />
      </Modal>
    </>
  );
}
