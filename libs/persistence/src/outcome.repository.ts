import { sql } from 'kysely';
import type { Executor } from './executor.js';

export interface OutcomeRow {
  park_id: string;
  /** `taken`: the park accepted the lead (and may have signed it since); `declined`: declined as outside its direction. */
  kind: 'taken' | 'declined';
  /** The de-identified text scoring reads, so the matcher learns from what it is shown. */
  text: string;
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
      select park_id, kind, text from (
        select o.park_id, case when o.status = 'accepted' then 'taken' else 'declined' end as kind, l.description_redacted as text,
          row_number() over (partition by o.park_id, o.status order by o.decided_at desc nulls last, o.id) as k
        from offers o join leads l on l.id = o.lead_id
        where o.status = 'accepted' or (o.status = 'declined' and o.decline_reason = ${declineReason})
      ) x where k <= ${perPark}
      order by park_id, kind, k`.execute(this.db);
    return r.rows;
  }
}
