import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { Person } from '../components/Person';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { PageHeader } from '../components/PageHeader';
import { RankingTable, ReasonList } from '../components/Ranking';
import { FollowUpsCard, OwnersCard } from '../components/WorkLog';
import { AttachmentsCard, fmtSize } from '../components/Attachments';
import { DUPLICATE_REASON, DUPLICATE_STATUS, EVENT_KIND, fmtAmount, fmtTime, LEAD_STATUS, LISTING_KIND, listingFacts, OFFER_STATUS, STAGE_COLORS } from '../labels';
import type { Read } from '../api';

/** 首次评分 for round 0, then 第 n 次重新评分 (園区画像 revised, a manager's rescore). */
function scoringRound(round?: number | null): string {
  return round ? `第 ${round} 次重新评分` : '首次评分';
}

function eventText(e: any, parkName: (id: string) => string, reasons: Record<string, string>): string {
  const d = e.data ?? {};
  switch (e.kind) {
    case 'created': return d.channel ? `渠道：${d.channel}` : '';
    case 'duplicate-flagged': return `与另一条线索疑似重复（${DUPLICATE_REASON[d.reason] ?? d.reason}）`;
    case 'scored': return `${scoringRound(d.round)}${d.noFit ? '：无匹配园区' : d.top?.length ? `：前三 ${d.top.map((t: any) => `${t.park}（${Math.round(t.score * 100)}%）`).join('、')}` : ''}`;
    case 'shared': return `${d.mode === 'same-board' ? '本板块内推送' : '跨板块推送'}：${(d.parks ?? []).map(parkName).join('、')}`;
    case 'sent-to-review': return d.why === 'all-declined' ? '所有推荐园区均已拒绝，转市科技局研判' : d.why === 'below-threshold' ? '匹配度均低于共享门槛，转市科技局研判' : '无匹配园区，转市科技局研判';
    case 'accepted': return `${parkName(d.parkId)} 接收${d.withdrawn?.length ? `，撤回其余 ${d.withdrawn.length} 条推荐` : ''}`;
    case 'declined': return `${parkName(d.parkId)} 拒绝：${reasons[d.reason] ?? d.reason}${d.note ? `（${d.note}）` : ''}`;
    case 'stage': return `阶段 ${d.from ?? ''} → ${d.to}${d.note ? `（${d.note}）` : ''}`;
    case 'sent-by-manager': return `转推到 ${(d.parks ?? []).map(parkName).join('、')}${d.note ? `（${d.note}）` : ''}`;
    case 'closed-by-manager': return `关闭原因：${d.reasonLabel ?? d.reason}${d.note ? `（${d.note}）` : ''}`;
    case 'duplicate-held': return `疑似撞车：同一企业已由 ${d.firstReport?.code ?? ''}（${d.firstReport?.originBoard ?? ''}）在先报送并被${d.firstReport?.parkName ?? '园区'}接收，暂停推送，待市科技局裁定`;
    case 'duplicate-released': return '市科技局裁定不是同一项目，恢复按规则推送';
    case 'assigned': return d.ownerName ? `${d.byName ?? ''} 指派${d.side === 'park' ? '园区' : '板块'}责任人：${d.ownerName}${d.previousName ? `（原为 ${d.previousName}）` : ''}` : `${d.byName ?? ''} 取消了${d.side === 'park' ? '园区' : '板块'}责任人${d.previousName ? ` ${d.previousName}` : ''}`;
    case 'follow-up': return `${d.byName ?? ''} 记录${d.kind ?? ''}（${d.happenedOn ?? ''}）`;
    case 'attachment-added': return `${d.byName ?? ''} 上传「${d.fileName ?? ''}」${d.size ? `（${fmtSize(d.size)}）` : ''}`;
    case 'attachment-removed': return `${d.byName ?? ''} 删除「${d.fileName ?? ''}」`;
    case 'duplicate-settled': return `疑似重复裁定为「${DUPLICATE_STATUS[d.status]?.label ?? d.status}」${d.comment ? `：${d.comment}` : ''}`;
    default: return Object.keys(d).length ? JSON.stringify(d) : '';
  }
}

/** The scenarios, funds and carriers that fit the lead (GET /api/leads/:id/listings), beside the park ranking. */
function FittingListings({ leadId }: { leadId: string }) {
  const { data, error } = useApi<any>(`/api/leads/${leadId}/listings`);
  const groups: [string, any[]][] = data ? [['scenario', data.scenarios], ['fund', data.funds], ['carrier', data.carriers]] : [];
  const needs = data?.needs ?? {};
  const needText = [needs.landMu ? `用地 ${needs.landMu} 亩` : null, needs.floorAreaM2 ? `面积 ${needs.floorAreaM2} 平方米` : null, needs.powerKva ? `用电 ${needs.powerKva} kVA` : null].filter(Boolean).join('，');
  return (
    <Card title="契合的场景、基金与载体" style={{ marginBottom: 16 }} data-testid="lead-listings" extra={<Link to="/listings">全部资源</Link>}>
      {error && <Alert type="error" showIcon title={error} />}
      {needText && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>按线索需求比较载体：{needText}</Typography.Paragraph>}
      {data && groups.every(([, xs]) => xs.length === 0) && <Typography.Text type="secondary">暂无契合的应用场景、基金或载体</Typography.Text>}
      {groups.filter(([, xs]) => xs.length).map(([kind, xs]) => (
        <div key={kind} style={{ marginBottom: 8 }}>
          <Tag color={LISTING_KIND[kind]?.color}>{LISTING_KIND[kind]?.label}</Tag>
          {xs.map((x: any) => (
            <div key={x.id} style={{ margin: '6px 0 10px' }}>
              <Link to={`/listings/${x.id}`}>{x.title}</Link> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.park} · 契合度 {Math.round(x.score * 100)}%</Typography.Text>
              <div style={{ fontSize: 12 }}>{listingFacts(x.kind, x.content)}</div>
              {x.reasons.slice(0, 3).map((r: string) => <div key={r} style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>· {r}</div>)}
            </div>
          ))}
        </div>
      ))}
    </Card>
  );
}

export default function LeadDetail() {
  const { id } = useParams();
  const { catalog, user } = useSession();
  const { data: l, error, loading, reload } = useApi<Read<'GET /api/leads/{id}'>>(`/api/leads/${id}`);
  // While the lead waits for its score, look again shortly.
  useEffect(() => {
    if (l?.status !== 'new') return;
    const t = setTimeout(reload, 1200);
    return () => clearTimeout(t);
  }, [l, reload]);
  const reasons = Object.fromEntries(catalog.meta.declineReasons.map((r) => [r.code, r.label]));

  if (error) return <Alert type="error" showIcon title="无法打开线索" description={error} />;
  if (!l) return <Skeleton active paragraph={{ rows: 10 }} loading={loading} />;
  return (
    <>
      <PageHeader
        title={<Space>线索 {l.code}<Tag color={LEAD_STATUS[l.status]?.color}>{LEAD_STATUS[l.status]?.label ?? l.status}</Tag>{l.stage && <Tag color={STAGE_COLORS[l.stage]}>{l.stage}</Tag>}</Space>}
        sub={<>{catalog.boardName(l.originBoard)}{l.submitter && <> · <Person id={l.submitter} /></>} · <span data-testid="lead-submitted-at">{fmtTime(l.createdAt)}</span> 提交</>}
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="项目信息" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" data-testid="lead-info">
              <Descriptions.Item label="企业名称">{l.company ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="统一社会信用代码"><span className="pm-mono">{l.creditCode ?? '—'}</span></Descriptions.Item>
              <Descriptions.Item label="申报行业">{l.sector ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="识别行业">{l.primarySector ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="投资额">{fmtAmount(l.amount)}</Descriptions.Item>
              <Descriptions.Item label="用地">{l.landMu != null ? `${l.landMu} 亩` : '—'}</Descriptions.Item>
              <Descriptions.Item label="招商渠道">{l.channel ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="承接园区">{l.acceptedParkId ? catalog.parkName(l.acceptedParkId) : '—'}</Descriptions.Item>
              <Descriptions.Item label="联系人" span={2}>{l.contacts?.length ? l.contacts.map((c: any) => [c.name, c.phone, c.email].filter(Boolean).join(' ')).join('；') : '—'}</Descriptions.Item>
              <Descriptions.Item label={l.view === 'full' ? '项目描述' : '项目描述（脱敏）'} span={2}>{l.description}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card
            title="园区推荐排名"
            style={{ marginBottom: 16 }}
            extra={l.ranking && <Space>{l.ranking.noFit && <Tag color="warning">无匹配</Tag>}<Typography.Text type="secondary" data-testid="ranking-when">{scoringRound(l.ranking.round)} · {fmtTime(l.ranking.createdAt)}</Typography.Text><Tooltip title={`匹配引擎版本 ${l.ranking.engineVersion}（技术支持核对用）`}><InfoCircleOutlined style={{ color: '#999' }} /></Tooltip></Space>}
          >
            {l.ranking ? (
              <RankingTable rows={l.ranking.results} boardName={catalog.boardName} offered={l.offers.map((o: any) => o.parkId)} testId="lead-ranking" />
            ) : (
              <Empty description={l.status === 'new' ? '正在匹配评分，请稍候…' : '暂无排名'} />
            )}
          </Card>
          <Card title="推送记录" style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="id"
              dataSource={l.offers}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: '尚未推送到任何园区' }}
              data-testid="lead-offers"
              expandable={{ expandedRowRender: (o: any) => <ReasonList reasons={o.reasons} max={8} />, rowExpandable: (o: any) => o.reasons?.length > 0 }}
              columns={[
                { title: '园区', dataIndex: 'park', render: (p, o: any) => <Space direction="vertical" size={0}>{p}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{catalog.boardName(o.board)}</Typography.Text></Space> },
                { title: '名次', dataIndex: 'rank', width: 60 },
                { title: '匹配度', dataIndex: 'score', width: 80, render: (s: number) => `${Math.round(s * 100)}%` },
                { title: '状态', dataIndex: 'status', width: 90, render: (s) => <Tag color={OFFER_STATUS[s]?.color}>{OFFER_STATUS[s]?.label ?? s}</Tag> },
                { title: '答复期限', dataIndex: 'respondBy', width: 140, render: fmtTime },
                { title: '处理', render: (_, o: any) => o.decidedAt ? <><Person id={o.decidedBy} /> {fmtTime(o.decidedAt)}{o.declineReason ? ` · ${reasons[o.declineReason] ?? o.declineReason}` : ''}{o.declineNote ? `（${o.declineNote}）` : ''}</> : '—' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <FittingListings leadId={l.id} />
          {l.owners && <OwnersCard lead={l} onChange={reload} />}
          {l.owners && <FollowUpsCard leadId={l.id} canWrite={user?.role !== 'admin'} />}
          {l.owners && <AttachmentsCard leadId={l.id} canWrite={user?.role !== 'admin'} onChange={reload} />}
          <Card title="疑似重复" style={{ marginBottom: 16 }} data-testid="lead-duplicates">
            {l.duplicates.length ? l.duplicates.map((d: any) => (
              <div key={d.id} style={{ marginBottom: 8 }}>
                {d.otherVisible
                  ? <><Link to={`/leads/${d.otherLeadId}`}>{d.otherLeadCode}</Link>（{catalog.boardName(d.otherBoard)}）</>
                  : <Typography.Text>另一板块的线索（由市科技局核对）</Typography.Text>}
                <Tag color={d.crossBoard ? 'volcano' : 'blue'} style={{ marginInlineStart: 6 }}>{d.crossBoard ? '跨板块撞车' : '本板块重复报送'}</Tag>
                <Tag color={DUPLICATE_STATUS[d.status]?.color}>{DUPLICATE_STATUS[d.status]?.label ?? d.status}</Tag>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{DUPLICATE_REASON[d.reason] ?? d.reason} · 相似度 {Math.round(d.similarity * 100)}%{d.firstReportLeadId ? ` · 首报：${d.firstReportLeadId === l.id ? '本线索' : d.otherLeadCode}` : d.status === 'confirmed' && !d.otherVisible ? ' · 首报：另一线索' : ''}</Typography.Text></div>
              </div>
            )) : <Typography.Text type="secondary">未发现重复</Typography.Text>}
          </Card>
          <Card title="全部历史" data-testid="lead-history">
            <Timeline
              items={l.history.map((e: any) => ({
                color: e.kind === 'declined' ? 'red' : e.kind === 'accepted' ? 'green' : e.kind === 'sent-to-review' ? 'orange' : 'blue',
                content: (
                  <>
                    <Typography.Text strong>{EVENT_KIND[e.kind] ?? e.kind}</Typography.Text>
                    <div style={{ fontSize: 12 }}>{eventText(e, catalog.parkName, reasons)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(e.at)} · {e.data?.byName ?? <Person id={e.actor} />}</Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
