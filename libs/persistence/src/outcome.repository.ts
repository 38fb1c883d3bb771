import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { OFFER_STATUS_COUNTS } from './report-sql.js';

export interface OutcomeRow {
  park_id: string;
  /** `accepted` (the project may have been signed since) or `declined` with the given reason. */
  status: string;
  decline_reason: string | null;
  /** The de-identified text scoring reads, so the matcher learns from what it is shown. */
  text: string;
  decided_at: Date | null;
}

/**
 * What the parks did with their offers, as the matcher learns from it: accepted projects and leads declined with
 * the given reason (outside the park's direction).
 */
export class OutcomeRepository {
  constructor(private readonly db: Executor) {}

  /** A cheap fingerprint of the outcome set: it changes when an offer is accepted or declined with that reason. */
  async fingerprint(declineReason: string): Promise<string> {
    const r = await sql<{ n: number; h: string }>`
      select count(*)::int as n, coalesce(sum(hashtext(o.id || ':' || o.status)), 0)::text as h
      from offers o
      where o.status = 'accepted' or (o.status = 'declined' and o.decline_reason = ${declineReason})`.execute(this.db);
    const row = r.rows[0]!;
    return `${row.n}:${row.h}`;
  }

  /** The newest `perPark` outcomes of each kind for every park (bounded, so a matcher build stays cheap). */
  async forMatcher(declineReason: string, perPark: number): Promise<OutcomeRow[]> {
    const r = await sql<OutcomeRow>`
      select park_id, status, decline_reason, text, decided_at from (
        select o.park_id, o.status, o.decline_reason, l.description_redacted as text, o.decided_at,
          row_number() over (partition by o.park_id, o.status order by o.decided_at desc nulls last, o.id) as k
        from offers o join leads l on l.id = o.lead_id
        where o.status = 'accepted' or (o.status = 'declined' and o.decline_reason = ${declineReason})
      ) x where k <= ${perPark}
      order by park_id, status, k`.execute(this.db);
    return r.rows;
  }

  /**
   * Offers made in [from, to) per park, and what became of them: accepted, declined (by reason), withdrawn, open,
   * and signed (the accepted project reached 签约 or later, also when it paused or stopped after).
   */
  async precision(from: Date, to: Date) {
    const parks = await sql<{ parkId: string; park: string; boardId: string; board: string; offers: number; accepted: number; declined: number; withdrawn: number; open: number; signed: number }>`
      select p.id as "parkId", p.name as park, b.id as "boardId", b.name as board,
        ${OFFER_STATUS_COUNTS},
        count(o.id) filter (where o.status = 'accepted' and exists (
          select 1 from lead_events e where e.lead_id = o.lead_id and e.kind = 'stage' and e.data->>'to' in ('签约', '开工', '投产')))::int as signed
      from parks p
      join boards b on b.id = p.board_id
      left join offers o on o.park_id = p.id and o.created_at >= ${from} and o.created_at < ${to}
      group by p.id, p.name, b.id, b.name
      order by p.id`.execute(this.db);
    const reasons = await sql<{ parkId: string; reason: string; n: number }>`
      select o.park_id as "parkId", coalesce(o.decline_reason, 'other') as reason, count(*)::int as n
      from offers o
      where o.status = 'declined' and o.created_at >= ${from} and o.created_at < ${to}
      group by 1, 2 order by 1, 2`.execute(this.db);
    return { parks: parks.rows, declineReasons: reasons.rows };
  }
}
