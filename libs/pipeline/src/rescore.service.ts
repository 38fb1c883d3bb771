import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from '#queues';
import { JOBS } from '#queues';
import { UnitOfWork } from '#persistence';
import { DomainError } from '#errors';

const PAGE = 500;

/** Rescoring every open lead after a park-profile revision, in the background, with progress. */
@Injectable()
export class RescoreService {
  constructor(private readonly uow: UnitOfWork) {}

  async start(reason: string): Promise<{ runId: string }> {
    const runId = randomUUID();
    await this.uow.transaction(async (r) => {
      await r.rescores.create(runId, reason);
      await r.outbox.add(JOBS.rescoreOpenLeads, { runId });
    });
    return { runId };
  }

  /** The `rescore-open-leads` job: moves each open lead to its next round, once per run, and queues its scoring. */
  async run(runId: string, progress?: (pct: number) => Promise<void>): Promise<{ queued: number }> {
    return this.uow.read(async (r0) => {
      const run = await r0.rescores.find(runId);
      if (!run) throw new UnrecoverableError(`rescore run ${runId} does not exist`);
      if (run.status === 'scoring' || run.status === 'done') return { queued: run.queued };
      const total = await r0.leads.countOpen();
      await r0.rescores.update(runId, { status: 'running', total });
      let after: string | null = null;
      let queued = 0;
      for (;;) {
        const page = await r0.leads.openLeadIds(after, PAGE);
        if (!page.length) break;
        after = page[page.length - 1]!.id;
        queued += await this.uow.transaction(async (r) => {
          const bumped = await r.leads.bumpRound(page.map((p) => p.id), runId);
          await r.outbox.addMany(JOBS.scoreLead, bumped.map((b) => ({ leadId: b.id, scoringRound: b.scoring_round })));
          await r.rescores.update(runId, { addQueued: bumped.length });
          return bumped.length;
        });
        await progress?.(total ? Math.min(99, Math.round((queued / total) * 100)) : 99);
      }
      // Queued is not done: the run is done when every queued lead has its new ranking (see status).
      const queuedInAll = (await r0.rescores.find(runId))!.queued; // a replayed job counts what earlier tries queued too
      await r0.rescores.update(runId, queuedInAll ? { status: 'scoring' } : { status: 'done', finished: true });
      return { queued };
    });
  }

  /**
   * Progress as people read it: how many open leads were queued and how many are scored again. `running` until
   * every queued lead has its new ranking (phase `queueing`, then `scoring`); `done` only then.
   */
  async status(runId: string) {
    return this.uow.transaction(async (r) => {
      let run = await r.rescores.find(runId);
      if (!run) throw new DomainError('RESCORE_RUN_NOT_FOUND', `重算任务 ${runId} 不存在`);
      const rescored = await r.rescores.rescoredCount(runId);
      if (run.status === 'scoring' && rescored >= run.queued) {
        await r.rescores.update(runId, { status: 'done', finished: true });
        run = (await r.rescores.find(runId))!;
      }
      const status = run.status === 'done' ? 'done' : run.status === 'queued' ? 'queued' : 'running';
      const phase = run.status === 'running' ? 'queueing' : run.status === 'scoring' ? 'scoring' : null;
      return { id: run.id, reason: run.reason, status, phase, total: run.total, queued: run.queued, rescored, createdAt: run.created_at, finishedAt: run.finished_at };
    });
  }
}
