import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { monthOutcomes, OFFER_STATUS_COUNTS, stageEventsIn, type MonthOutcomes } from './report-sql.js';

/** Instants, [from, to) (the API turns Shanghai days into them: chinaDayRange). */
export interface StatsRange {
  from?: Date;
  to?: Date;
}

/** The city dashboard's counts, in SQL (one dialect for PostgreSQL and PGlite); the service gives them meaning. */
export class StatsRepository {
  constructor(private readonly db: Executor) {}

  private range(r: StatsRange, col = 'l.created_at') {
    const c = sql.raw(col);
    return sql`${r.from ? sql`and ${c} >= ${r.from}` : sql``} ${r.to ? sql`and ${c} < ${r.to}` : sql``}`;
  }

  async overview(r: StatsRange, minScore: number) {
    const db = this.db;
    const range = this.range(r);
    const [byBoard, bySector, byBoardSector, parks, funnel, totals] = await Promise.all([
      sql<{ boardId: string; board: string; leads: number }>`
        select b.id as "boardId", b.name as board, count(l.id)::int as leads
        from boards b left join leads l on l.origin_board_id = b.id ${range}
        group by b.id, b.name order by count(l.id) desc, b.id`.execute(db),
      sql<{ sector: string; leads: number }>`
        select coalesce(l.primary_sector, l.sector, '未识别') as sector, count(*)::int as leads
        from leads l where true ${range}
        group by 1 order by 2 desc, 1`.execute(db),
      sql<{ boardId: string; sector: string; leads: number }>`
        select l.origin_board_id as "boardId", coalesce(l.primary_sector, l.sector, '未识别') as sector, count(*)::int as leads
        from leads l where true ${range}
        group by 1, 2 order by 1, 3 desc`.execute(db),
      sql<{
        parkId: string; park: string; boardId: string; board: string; offers: number; accepted: number; declined: number; withdrawn: number;
        open: number; overdue: number; medianResponseHours: number | null; projects: number; inSpecialization: number;
      }>`
        select p.id as "parkId", p.name as park, b.id as "boardId", b.name as board,
          ${OFFER_STATUS_COUNTS},
          count(o.id) filter (where o.status = 'open' and o.respond_by < now())::int as overdue,
          (percentile_cont(0.5) within group (order by extract(epoch from (o.decided_at - o.created_at)) / 3600.0)
            filter (where o.status in ('accepted', 'declined') and o.decided_at is not null))::float8 as "medianResponseHours",
          count(o.id) filter (where o.status = 'accepted')::int as projects,
          count(o.id) filter (where o.status = 'accepted' and o.score >= ${minScore} and not rk.no_fit
            and exists (select 1 from jsonb_array_elements(o.reasons) x where x->>'kind' in ('sector', 'declared-sector')))::int as "inSpecialization"
        from parks p
        join boards b on b.id = p.board_id
        left join (offers o join leads l on l.id = o.lead_id ${range} join rankings rk on rk.id = o.ranking_id) on o.park_id = p.id
        group by p.id, p.name, b.id, b.name order by p.id`.execute(db),
      sql<{ leads: number; shared: number; accepted: number; signed: number; started: number; producing: number; review: number }>`
        with reached as (
          select l.id, l.status, l.stage,
            exists (select 1 from offers o where o.lead_id = l.id) as shared,
            (select max(case e.data->>'to' when '签约' then 2 when '开工' then 3 when '投产' then 4 else 0 end)
               from lead_events e where e.lead_id = l.id and e.kind = 'stage') as top_event
          from leads l where true ${range}
        )
        select count(*)::int as leads,
          count(*) filter (where shared)::int as shared,
          count(*) filter (where status = 'accepted')::int as accepted,
          count(*) filter (where stage in ('签约', '开工', '投产') or coalesce(top_event, 0) >= 2)::int as signed,
          count(*) filter (where stage in ('开工', '投产') or coalesce(top_event, 0) >= 3)::int as started,
          count(*) filter (where stage = '投产' or coalesce(top_event, 0) >= 4)::int as producing,
          count(*) filter (where status = 'review')::int as review
        from reached`.execute(db),
      sql<{ status: string; stage: string | null; n: number }>`
        select l.status, l.stage, count(*)::int as n from leads l where true ${range} group by 1, 2 order by 1, 2`.execute(db),
    ]);
    return { byBoard: byBoard.rows, bySector: bySector.rows, byBoardSector: byBoardSector.rows, parks: parks.rows, funnel: funnel.rows[0]!, totals: totals.rows };
  }

  /**
   * 月度统计表 counts for [from, to): per origin board and per park, leads and offers of the month, decisions,
   * projects that reached 签约 / 开工 in it (stage events), and the investment (万元) behind each.
   */
  async monthly(from: Date, to: Date) {
    const db = this.db;
    const [boards, parks] = await Promise.all([
      sql<{ boardId: string; board: string; newLeads: number; newAmountWan: number; offers: number } & MonthOutcomes>`
        with ${stageEventsIn(from, to)}
        select b.id as "boardId", b.name as board,
          (select count(*) from leads l where l.origin_board_id = b.id and l.created_at >= ${from} and l.created_at < ${to})::int as "newLeads",
          (select coalesce(sum(l.amount_wan), 0) from leads l where l.origin_board_id = b.id and l.created_at >= ${from} and l.created_at < ${to})::float8 as "newAmountWan",
          (select count(*) from offers o join leads l on l.id = o.lead_id where l.origin_board_id = b.id and o.created_at >= ${from} and o.created_at < ${to})::int as offers,
          ${monthOutcomes(from, to, sql`l.origin_board_id = b.id`, sql`l.origin_board_id = b.id`)}
        from boards b order by b.id`.execute(db),
      sql<{ parkId: string; park: string; boardId: string; offers: number } & MonthOutcomes>`
        with ${stageEventsIn(from, to)}
        select p.id as "parkId", p.name as park, p.board_id as "boardId",
          (select count(*) from offers o where o.park_id = p.id and o.created_at >= ${from} and o.created_at < ${to})::int as offers,
          ${monthOutcomes(from, to, sql`o.park_id = p.id`, sql`l.accepted_park_id = p.id`)}
        from parks p order by p.id`.execute(db),
    ]);
    return { boards: boards.rows, parks: parks.rows };
  }
}
