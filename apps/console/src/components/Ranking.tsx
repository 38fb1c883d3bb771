import { Empty, Grid, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { REASON_KIND } from '../labels';

export interface Reason { kind: string; direction: string; terms: string[]; weight: number; text: string }
export interface RankRow { parkId: string; park: string; board: string; score: number; rank: number; reasons: Reason[] }

export function ReasonList({ reasons, max = 4 }: { reasons: Reason[]; max?: number }) {
  if (!reasons?.length) return <Typography.Text type="secondary">无匹配理由</Typography.Text>;
  return (
    <div className="pm-reason">
      {reasons.slice(0, max).map((r, i) => (
        <div key={i}>
          <Tag color={REASON_KIND[r.kind]?.color} style={{ marginInlineEnd: 4 }}>{REASON_KIND[r.kind]?.label ?? r.kind}</Tag>
          {r.text}
        </div>
      ))}
      {reasons.length > max && <Typography.Text type="secondary">…另有 {reasons.length - max} 条理由</Typography.Text>}
    </div>
  );
}

export function ScoreBar({ score }: { score: number }) {
  const pct = Math.round(score * 1000) / 10;
  return (
    <Tooltip title={`匹配度 ${score.toFixed(3)}`}>
      <Progress percent={pct} size="small" format={(p) => `${p}%`} strokeColor={score >= 0.3 ? '#1557b0' : '#bbb'} style={{ minWidth: 110, margin: 0 }} />
    </Tooltip>
  );
}

/** A park ranking with reasons; `offered` marks parks the lead was (or would be) shared to. */
export function RankingTable({ rows, boardName, offered = [], limit, testId, reasons = 3 }: { rows: RankRow[]; boardName: (id: string) => string; offered?: string[]; limit?: number; testId?: string; reasons?: number }) {
  const phone = !Grid.useBreakpoint().md;
  if (!rows?.length) return <Empty description="暂无排名" />;
  const data = limit ? rows.slice(0, limit) : rows;
  const park = (v: string, r: RankRow) => (
    <Space direction="vertical" size={0}>
      <span>{v} {offered.includes(r.parkId) && <Tag color="blue">推送</Tag>}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{boardName(r.board)}</Typography.Text>
    </Space>
  );
  return (
    <Table<RankRow>
      data-testid={testId}
      size="small"
      rowKey="parkId"
      pagination={limit ? false : { pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
      dataSource={data}
      columns={phone ? [
        {
          title: '园区（名次 · 匹配度 · 理由）',
          dataIndex: 'park',
          render: (v: string, r: RankRow) => (
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space size={8} align="start"><b>{r.rank}</b>{park(v, r)}</Space>
              <ScoreBar score={r.score} />
              <ReasonList reasons={r.reasons} max={reasons} />
            </Space>
          ),
        },
      ] : [
        { title: '名次', dataIndex: 'rank', width: 56 },
        { title: '园区', dataIndex: 'park', width: 190, render: park },
        { title: '匹配度', dataIndex: 'score', width: 150, render: (s: number) => <ScoreBar score={s} /> },
        { title: '理由', dataIndex: 'reasons', render: (rs: Reason[]) => <ReasonList reasons={rs} max={reasons} /> },
      ]}
    />
  );
}
