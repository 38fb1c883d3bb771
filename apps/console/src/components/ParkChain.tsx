import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { postFile } from '../api';
import { useSession } from '../session';
import { parkWithBoard } from '../labels';
import { useParkId } from './ParkPicker';
import { useApi } from './useApi';
import { useAction } from './useAction';

const RELATION: Record<string, string> = { upstream: '上游', downstream: '下游' };

/** 园区补链: the chosen park's up/downstream nodes, covered by its own firms or accepted projects, or gaps; the firm list upload. */
export function ParkChain() {
  const { user, catalog } = useSession();
  const [parkId, setParkId] = useParkId();
  const chain = useApi<any>(parkId ? `/api/parks/${parkId}/chain` : null);
  const firms = useApi<any>(parkId ? `/api/parks/${parkId}/firms` : null);
  const [result, setResult] = useState<any>();
  const { busy: uploading, error: err, run } = useAction({ inline: true });
  const upload = (f: File) => {
    setResult(undefined);
    return run(async () => {
      setResult(await postFile(`/api/parks/${parkId}/firms`, f));
      chain.reload();
      firms.reload();
    });
  };
  const s = chain.data?.summary;
  const d = chain.data?.definitions ?? {};
  return (
    <Card
      title="园区补链：主攻方向上下游环节"
      style={{ marginBottom: 16 }}
      data-testid="park-chain"
      extra={user?.role !== 'park_operator' && (
        <Select style={{ width: 240, maxWidth: '60vw' }} value={parkId} onChange={setParkId} showSearch optionFilterProp="label" options={catalog.parks.map((p) => ({ value: p.id, label: parkWithBoard(p.name, p.board.name) }))} data-testid="chain-park" />
      )}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {chain.error && <Alert type="error" showIcon title={chain.error} />}
        {s && (
          <Space wrap data-testid="chain-summary">
            <Typography.Text>主攻方向覆盖：{chain.data.covers.map((c: any) => <Tag key={c.id} color="blue">{c.label}</Tag>)}</Typography.Text>
            <Tooltip title={d.nodes}><Tag>链上环节 {s.links}</Tag></Tooltip>
            <Tooltip title={d.covered}><Tag color="green">已有企业或项目 {s.covered}</Tag></Tooltip>
            <Tooltip title={d.gap}><Tag color="red">补链缺口 {s.gaps}</Tag></Tooltip>
          </Space>
        )}
        <Space wrap align="center">
          <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => { void upload(f); return false; }}>
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="firms-upload">上传园区现有企业名单</Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            CSV 或 XLSX，表头：企业名称、统一社会信用代码、经营范围、主营产品；新名单整份替换旧名单。
            {firms.data?.total ? `当前名单：${firms.data.filename}，${firms.data.total} 家` : '尚未上传名单'}
          </Typography.Text>
        </Space>
        {err && <Alert type="error" showIcon title={err} data-testid="firms-error" />}
        {result && (
          <Alert
            type={result.rowsFailed ? 'warning' : 'success'}
            showIcon
            data-testid="firms-result"
            title={`已导入 ${result.rowsOk} 家企业，错误 ${result.rowsFailed} 行`}
            description={result.errors.slice(0, 5).map((e: any) => <div key={e.row}>第 {e.row} 行：{e.errors.map((x: any) => x.message).join('；')}</div>)}
          />
        )}
        <Table
          size="small"
          rowKey="id"
          data-testid="chain-table"
          loading={chain.loading}
          dataSource={chain.data?.nodes ?? []}
          pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '园区主攻方向在分类中没有上下游环节' }}
          columns={[
            // the status beside the name: on a phone the other columns scroll out of sight
            {
              title: '环节', dataIndex: 'label', fixed: 'left',
              render: (l: string, n: any) => <Space size={4} wrap><Typography.Text strong>{l}</Typography.Text>{n.status === 'gap' ? <Tag color="red">补链缺口</Tag> : <Tag color="green">已覆盖</Tag>}</Space>,
            },
            { title: '链上位置', render: (_, n: any) => n.of.map((o: any) => `${o.label}的${RELATION[o.relation]}`).join('、') },
            {
              title: '园区现有企业 / 已承接项目',
              render: (_, n: any) => n.by.length
                ? n.by.slice(0, 4).map((b: any) => <Tag key={b.kind + (b.name ?? b.code)}>{b.kind === 'firm' ? b.name : `项目 ${b.code}${b.stage ? `（${b.stage}）` : ''}`}</Tag>)
                : <Typography.Text type="secondary">—</Typography.Text>,
            },
          ]}
        />
      </Space>
    </Card>
  );
}
