import { sql } from 'kysely';

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
