import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { sql } from 'kysely';
import { DATABASE } from '#core';
import { JOBS } from '#queues';
import { OPEN_LEAD_STATUSES, type DatabaseHandle } from '#persistence';
import { notFound } from './domain-error.js';
import { OutboxRelay } from './outbox-relay.js';
import { inTransaction, Repos } from './repositories.js';

const PAGE = 500;

/** Rescoring every open lead after a park-profile revision, in the background, with progress. */
@Injectable()
export class RescoreService {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle, private readonly relay: OutboxRelay) {}

  async start(reason: string): Promise<{ runId: string }> {
    const runId = randomUUID();
    await inTransaction(this.database.db, async (r) => {
      await r.rescores.create(runId, reason);
      await r.outbox.add(JOBS.rescoreOpenLeads.name, { runId });
    });
    this.relay.nudge();
    return { runId };
  }

  /** The `rescore-open-leads` job: moves each open lead to its next round, once per run, and queues its scoring. */
  async run(runId: string, progress?: (pct: number) => Promise<void>): Promise<{ queued: number }> {
    const r0 = new Repos(this.database.db);
    const run = await r0.rescores.find(runId);
    if (!run) throw new UnrecoverableError(`rescore run ${runId} does not exist`);
    if (run.status === 'done') return { queued: run.queued };
    const total = await r0.leads.countOpen();
    await r0.rescores.update(runId, { status: 'running', total });
    let after: string | null = null;
    let queued = 0;
    for (;;) {
      const page = await r0.leads.openLeadIds(after, PAGE);
      if (!page.length) break;
      after = page[page.length - 1]!.id;
      queued += await inTransaction(this.database.db, async (r) => {
        const bumped = await r.leads.bumpRound(page.map((p) => p.id), runId);
        await r.outbox.addMany(bumped.map((b) => ({ jobName: JOBS.scoreLead.name, payload: { leadId: b.id, scoringRound: b.scoring_round } })));
        await r.rescores.update(runId, { addQueued: bumped.length });
        return bumped.length;
      });
      this.relay.nudge();
      await progress?.(total ? Math.min(99, Math.round((queued / total) * 100)) : 99);
    }
    await r0.rescores.update(runId, { status: 'done', finished: true });
    return { queued };
  }

  /** Progress as people read it: how many open leads were queued and how many are scored again. */
  async status(runId: string) {
    const r = new Repos(this.database.db);
    const run = await r.rescores.find(runId);
    if (!run) throw notFound(`重算任务 ${runId} 不存在`);
    const scored = await this.database.db
      .selectFrom('leads')
      .innerJoin('rankings', (j) => j.onRef('rankings.lead_id', '=', 'leads.id').onRef('rankings.scoring_round', '=', 'leads.scoring_round'))
      .select(sql<number>`count(*)::int`.as('n'))
      .where('leads.rescore_run_id', '=', runId)
      .where('leads.status', 'in', [...OPEN_LEAD_STATUSES, 'accepted'])
      .executeTakeFirstOrThrow();
    return { id: run.id, reason: run.reason, status: run.status, total: run.total, queued: run.queued, rescored: scored.n, createdAt: run.created_at, finishedAt: run.finished_at };
  }
}
