import { sql, type RawBuilder } from 'kysely';

/** A park's offers (`o`) by what became of them, as the dashboard and the 精准度 report both count them. */
export const OFFER_STATUS_COUNTS = sql`count(o.id)::int as offers,
  count(o.id) filter (where o.status = 'accepted')::int as accepted,
  count(o.id) filter (where o.status = 'declined')::int as declined,
  count(o.id) filter (where o.status = 'withdrawn')::int as withdrawn,
  count(o.id) filter (where o.status = 'open')::int as open`;

/** The CTE `stage_events`: each lead that reached 签约 or 开工 in [from, to), once per stage. */
export const stageEventsIn = (from: Date, to: Date) => sql`stage_events as (
  select e.lead_id, e.data->>'to' as stage from lead_events e
  where e.kind = 'stage' and e.data->>'to' in ('签约', '开工') and e.at >= ${from} and e.at < ${to}
  group by 1, 2
)`;

/** What became of a board's or a park's leads in a month: offers decided, projects that reached 签约 / 开工, and the 万元 behind each. */
export interface MonthOutcomes {
  accepted: number;
  declined: number;
  acceptedAmountWan: number;
  signed: number;
  signedAmountWan: number;
  started: number;
  startedAmountWan: number;
}

/**
 * The MonthOutcomes columns, for the offers `offerScope` picks (offers decided in [from, to)) and the leads `leadScope`
 * picks (their stage events, from the CTE stageEventsIn); both conditions may use `o` / `l`.
 */
export function monthOutcomes(from: Date, to: Date, offerScope: RawBuilder<unknown>, leadScope: RawBuilder<unknown>) {
  const count = sql`count(*)`;
  const wan = sql`coalesce(sum(l.amount_wan), 0)`;
  const decided = (what: RawBuilder<unknown>, status: 'accepted' | 'declined') =>
    sql`(select ${what} from offers o join leads l on l.id = o.lead_id where ${offerScope} and o.status = ${sql.lit(status)} and o.decided_at >= ${from} and o.decided_at < ${to})`;
  const reached = (what: RawBuilder<unknown>, stage: '签约' | '开工') =>
    sql`(select ${what} from stage_events s join leads l on l.id = s.lead_id where ${leadScope} and s.stage = ${sql.lit(stage)})`;
  return sql`${decided(count, 'accepted')}::int as accepted, ${decided(count, 'declined')}::int as declined,
    ${decided(wan, 'accepted')}::float8 as "acceptedAmountWan",
    ${reached(count, '签约')}::int as signed, ${reached(wan, '签约')}::float8 as "signedAmountWan",
    ${reached(count, '开工')}::int as started, ${reached(wan, '开工')}::float8 as "startedAmountWan"`;
}
