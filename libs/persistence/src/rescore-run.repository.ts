import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { OPEN_LEAD_STATUSES } from './lead.repository.js';

export class RescoreRunRepository {
  constructor(private readonly db: Executor) {}

  async create(id: string, reason: string): Promise<void> {
    await this.db.insertInto('rescore_runs').values({ id, reason, status: 'queued' }).execute();
  }

  async find(id: string) {
    return this.db.selectFrom('rescore_runs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async latest() {
    return this.db.selectFrom('rescore_runs').selectAll().orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  }

  async update(id: string, set: { status?: string; total?: number; queued?: number; finished?: boolean; addQueued?: number }): Promise<void> {
    await this.db
      .updateTable('rescore_runs')
      .set({
        ...(set.status ? { status: set.status } : {}),
        ...(set.total !== undefined ? { total: set.total } : {}),
        ...(set.queued !== undefined ? { queued: set.queued } : {}),
        ...(set.addQueued ? { queued: sql`queued + ${set.addQueued}` } : {}),
        ...(set.finished ? { finished_at: new Date() } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Leads of the run whose current round is scored (open or accepted since). */
  async rescoredCount(id: string): Promise<number> {
    const r = await this.db
      .selectFrom('leads')
      .innerJoin('rankings', (j) => j.onRef('rankings.lead_id', '=', 'leads.id').onRef('rankings.scoring_round', '=', 'leads.scoring_round'))
      .select(sql<number>`count(*)::int`.as('n'))
      .where('leads.rescore_run_id', '=', id)
      .where('leads.status', 'in', [...OPEN_LEAD_STATUSES, 'accepted', 'closed'])
      .executeTakeFirstOrThrow();
    return r.n;
  }
}
