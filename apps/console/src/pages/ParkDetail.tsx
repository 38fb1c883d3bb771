import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Input, Progress, Row, Space, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import { DeleteOutlined, EyeOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { api, type Read } from '../api';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { useAction } from '../components/useAction';
import { PageHeader } from '../components/PageHeader';
import { fmtTime, LEAD_STATUS } from '../labels';
import { Person } from '../components/Person';
import { parkApi } from '../requests';

interface Dir { text: string; en?: string }

export default function ParkDetail() {
  const { id } = useParams();
  const { catalog } = useSession();
  const { message } = App.useApp();
  const park = useApi<Read<'GET /api/parks/{id}'>>(`/api/parks/${id}`);
  const [dirs, setDirs] = useState<Dir[]>([]);
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<any>();
  const [previewedKey, setPreviewedKey] = useState<string>();
  const { busy, error: err, setError: setErr, run: act } = useAction<'preview' | 'save'>({ inline: true });
  const [run, setRun] = useState<any>();

  useEffect(() => {
    if (park.data) setDirs(park.data.directions.map((d: any) => ({ text: d.text, en: d.en })));
  }, [park.data]);
  useEffect(() => {
    if (!run || run.status === 'done') return;
    const t = setTimeout(() => api.get(`/api/rescore/${run.id}`).then(setRun, () => undefined), 800);
    return () => clearTimeout(t);
  }, [run]);

  const key = JSON.stringify(dirs.map((d) => d.text.trim()).filter(Boolean));
  const body = () => ({ directions: dirs.filter((d) => d.text.trim()).map((d) => ({ text: d.text.trim(), ...(d.en?.trim() ? { en: d.en.trim() } : {}) })) });
  const doPreview = () => act(async () => {
    setPreview(await parkApi.revisionPreview(id!, body()));
    setPreviewedKey(key);
  }, 'preview');
  const save = async () => {
    if (!note.trim()) return setErr('请填写修订说明，如“2025 年度动态评估”');
    await act(async () => {
      const r = await parkApi.saveVersion(id!, { ...body(), note: note.trim() });
      if (!r.added) message.info('画像没有变化，未生成新版本');
      else {
        message.success(`已保存为第 ${r.version} 版，正在按新画像重算未结线索`);
        if (r.rescoreRunId) setRun({ id: r.rescoreRunId, status: 'queued', total: 0, queued: 0, rescored: 0 });
      }
      setPreview(undefined);
      setNote('');
      park.reload();
      catalog.reload();
    }, 'save');
  };

  const p = park.data;
  if (park.error) return <Alert type="error" showIcon title={park.error} />;
  const stale = preview && previewedKey !== key;
  return (
    <>
      <PageHeader title={p ? `${p.name} · 园区画像` : '园区画像'} sub={p && `${p.board.name} · 当前第 ${p.currentVersion} 版 · ${fmtTime(p.updatedAt)} 更新`} extra={<Link to="/parks">返回园区列表</Link>} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title="年度修订：主攻方向" style={{ marginBottom: 16 }} data-testid="revision-editor">
            <Typography.Paragraph type="secondary">每行一个主攻方向，细分方向写在括号内，如“新材料（铝镁合金、磁性材料）”。保存前先预览：列出排名会变化的未结线索。</Typography.Paragraph>
            {dirs.map((d, i) => (
              <Space.Compact key={i} style={{ width: '100%', marginBottom: 8 }}>
                <Input value={d.text} onChange={(e) => setDirs(dirs.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))} placeholder="主攻方向" data-testid={`direction-${i}`} />
                <Input value={d.en} onChange={(e) => setDirs(dirs.map((x, j) => (j === i ? { ...x, en: e.target.value } : x)))} placeholder="英文（可选）" style={{ width: '38%' }} />
                <Button icon={<DeleteOutlined />} onClick={() => setDirs(dirs.filter((_, j) => j !== i))} disabled={dirs.length <= 1} aria-label="删除方向" />
              </Space.Compact>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => setDirs([...dirs, { text: '' }])} style={{ marginBottom: 16 }} data-testid="add-direction">添加主攻方向</Button>
            {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 12 }} />}
            <Space wrap>
              <Button icon={<EyeOutlined />} onClick={doPreview} loading={busy === 'preview'} data-testid="preview-revision">预览对未结线索的影响</Button>
              <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder="修订说明（必填）" style={{ width: 240 }} maxLength={200} data-testid="revision-note" />
              <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={busy === 'save'} disabled={!preview || stale} data-testid="save-revision">保存为新版本</Button>
            </Space>
            {!preview && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>须先预览，才能保存。</Typography.Text></div>}
            {stale && <Alert type="warning" showIcon style={{ marginTop: 12 }} title="方向已修改，请重新预览后再保存" />}
            {run && (
              <Alert style={{ marginTop: 12 }} type={run.status === 'done' ? 'success' : 'info'} showIcon title={run.status === 'done' ? `重算完成：${run.rescored}/${run.queued} 条未结线索已按新画像评分` : `正在按新画像重算未结线索：已评分 ${run.rescored}/${run.queued || run.total}`}
                description={<Progress percent={run.status === 'done' ? 100 : run.queued ? Math.min(99, Math.round((run.rescored / run.queued) * 100)) : 5} size="small" />} />
            )}
          </Card>
          {preview && (
            <Card title="修订影响预览（尚未保存）" data-testid="revision-preview">
              <Row gutter={16} style={{ marginBottom: 12 }}>
                <Col span={6}><Statistic title="比对的未结线索" value={preview.openLeads} /></Col>
                <Col span={6}><Statistic title="排名变化" value={preview.changed} /></Col>
                <Col span={6}><Statistic title="本园区名次上升 / 下降" value={`${preview.rankUp} / ${preview.rankDown}`} /></Col>
                <Col span={6}><Statistic title="推送去向会变" value={preview.offerChanges} /></Col>
              </Row>
              <Table size="small" rowKey="leadId" scroll={{ x: 760 }} dataSource={preview.changes} pagination={{ pageSize: 10, hideOnSinglePage: true }} locale={{ emptyText: '没有线索的排名会变化' }}
                columns={[
                  { title: '线索', dataIndex: 'code', width: 100, render: (c, r: any) => <Link to={`/leads/${r.leadId}`}>{c}</Link> },
                  { title: '摘要', dataIndex: 'summary', render: (s, r: any) => <>{r.company && <b>{r.company} </b>}{s}</> },
                  { title: '状态', dataIndex: 'status', width: 80, render: (s) => <Tag color={LEAD_STATUS[s]?.color}>{LEAD_STATUS[s]?.label ?? s}</Tag> },
                  { title: '本园区名次', width: 120, render: (_, r: any) => <>{r.before.rank} → <b style={{ color: r.after.rank < r.before.rank ? '#389e0d' : r.after.rank > r.before.rank ? '#cf1322' : undefined }}>{r.after.rank}</b></> },
                  { title: '首选园区', width: 170, render: (_, r: any) => (r.before.top === r.after.top ? r.after.top : <>{r.before.top} → <b>{r.after.top}</b></>) },
                  { title: '推送', width: 70, render: (_, r: any) => (r.offerChanged ? <Tag color="orange">会变</Tag> : '—') },
                ]} />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Card title="版本历史" data-testid="park-versions">
            <Timeline items={(p?.versions ?? []).map((v: any) => ({
              color: v.version === p?.currentVersion ? 'green' : 'gray',
              content: (
                <>
                  <Typography.Text strong>第 {v.version} 版</Typography.Text> {v.version === p?.currentVersion && <Tag color="green">当前</Tag>}
                  <div style={{ fontSize: 12 }}>{v.seedText}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(v.createdAt)} · <Person id={v.createdBy} /> · {v.source}</Typography.Text>
                </>
              ),
            }))} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
