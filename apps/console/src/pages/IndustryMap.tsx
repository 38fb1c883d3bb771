import { useState } from 'react';
import { Alert, Card, Col, Empty, Flex, Input, Row, Space, Statistic, Switch, Tag, Tooltip, Typography } from 'antd';
import { useApi } from '../components/useApi';
import { PageHeader } from '../components/PageHeader';
import { ParkChain } from '../components/ParkChain';
import { useSession } from '../session';
import { reportApi } from '../requests';

interface Ref { id: string; label: string }

function Links({ title, items, onPick }: { title: string; items: Ref[]; onPick: (label: string) => void }) {
  if (!items.length) return null;
  return (
    <div className="pm-chain-links">
      <Typography.Text type="secondary">{title}：</Typography.Text>
      {items.map((r) => (
        <Tag key={r.id} style={{ cursor: 'pointer', marginBottom: 4 }} onClick={() => onPick(r.label)}>{r.label}</Tag>
      ))}
    </div>
  );
}

/** 产业招商图谱: every taxonomy node as a card with its chain links, covering parks, leads seen and 补链 gaps. */
export default function IndustryMap() {
  const { user } = useSession();
  // a park's operator sees its own chain; the city-wide map is the manager's
  if (user?.role === 'park_operator')
    return (
      <>
        <PageHeader title="产业招商图谱" sub="本园区主攻方向的上下游环节：哪些已有园区企业或承接项目，哪些是补链缺口" />
        <ParkChain />
      </>
    );
  return <CityMap />;
}

function CityMap() {
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [gaps, setGaps] = useState(false);
  const { data, error, loading } = useApi<any>(reportApi.industryMapPath({ q: q || undefined, gaps: gaps ? 'true' : undefined }));
  const pick = (label: string) => {
    setTyped(label);
    setQ(label);
  };
  const s = data?.summary;
  return (
    <>
      <PageHeader
        title="产业招商图谱"
        sub="行业分类的上下游链条，每个环节由哪些园区覆盖、没有园区覆盖的补链缺口，以及各环节收到的线索数"
        extra={<>
          <Input.Search allowClear placeholder="搜索环节、产品或英文词，如 碳化硅" value={typed} onChange={(e) => setTyped(e.target.value)} onSearch={(v) => setQ(v.trim())} style={{ width: 280, maxWidth: '100%' }} data-testid="map-search" />
          <Space><Switch checked={gaps} onChange={setGaps} data-testid="map-gaps" />只看补链缺口</Space>
        </>}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Card size="small" loading={loading}><Statistic title="环节" value={s?.nodes ?? 0} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" loading={loading}><Statistic title="有园区覆盖" value={s?.covered ?? 0} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" loading={loading}><Statistic title="补链缺口" value={s?.gaps ?? 0} data-testid="map-gap-count" /></Card></Col>
        <Col xs={12} md={6}><Card size="small" loading={loading}><Statistic title="已识别行业的线索" value={s?.leads ?? 0} /></Card></Col>
      </Row>
      <ParkChain />
      {!loading && data && !data.nodes.length && <Empty description={`没有与“${q}”相关的环节`} />}
      <Row gutter={[16, 16]} data-testid="map-nodes">
        {(data?.nodes ?? []).map((n: any) => (
          <Col xs={24} md={12} xl={8} key={n.id}>
            <Card
              size="small"
              data-testid={`map-node-${n.id}`}
              title={<Space wrap size={4}><span>{n.label}</span><Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{n.en}</Typography.Text></Space>}
              extra={<Space size={4}>{n.gap && <Tag color="red" data-testid="gap-tag">补链缺口</Tag>}<Tooltip title={data.definitions.leads}><Tag color={n.leads ? 'blue' : undefined}>线索 {n.leads}</Tag></Tooltip></Space>}
            >
              <Flex vertical gap={6}>
                <div>
                  <Typography.Text type="secondary">覆盖园区：</Typography.Text>
                  {n.parks.length ? n.parks.map((p: any) => (
                    <Tooltip key={p.parkId} title={`主攻方向：${p.direction}`}><Tag color="green" style={{ marginBottom: 4 }}>{p.park}</Tag></Tooltip>
                  )) : <Typography.Text type="danger">暂无园区覆盖</Typography.Text>}
                </div>
                {n.nearParks.length > 0 && (
                  <div>
                    <Typography.Text type="secondary">相关园区：</Typography.Text>
                    {n.nearParks.map((p: any) => <Tooltip key={p.parkId} title={`经主攻方向“${p.direction}”的产业链或限定范围外相关`}><Tag style={{ marginBottom: 4 }}>{p.park}</Tag></Tooltip>)}
                  </div>
                )}
                <Links title="上游" items={n.upstream} onPick={pick} />
                <Links title="下游" items={n.downstream} onPick={pick} />
                <Links title="相关" items={n.related} onPick={pick} />
                <Links title="上级" items={n.parents} onPick={pick} />
                {n.products.length > 0 && <Typography.Text type="secondary" ellipsis={{ tooltip: n.products.join('、') }}>典型产品：{n.products.join('、')}</Typography.Text>}
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
