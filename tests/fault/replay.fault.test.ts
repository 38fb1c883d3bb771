import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { NotificationService, OfferDispatchService, RescoreService, ScoringService } from '#pipeline';
import { lead } from '../support/leads.js';
import { platformForSuite, type TestPlatform } from '../support/platform.js';

const TABLES = ['leads', 'rankings', 'offers', 'lead_events', 'notifications', 'outbox', 'duplicates'];

async function snapshot(p: TestPlatform): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(p.database.db)).rows[0]!.n;
  return out;
}

describe('every job run twice changes nothing twice', () => {
  const p = platformForSuite({ db: 'pglite' });

  it('score, share, notify and rescore replayed after they ran leave the database as it was', async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', 'jiafang'), { as: 'promoter:jiafang' });
    await p.call('POST', '/api/leads', lead('sic', 'haian', { description: '碳化硅外延片与功率器件项目，建设六英寸SiC产线。' }), { as: 'promoter:haian' });
    await p.drain();
    const id = created.body.id as string;
    const leadRow = await p.database.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const before = await snapshot(p);

    expect(await p.app.get(ScoringService).score(id, 0)).toBe('already-scored');
    expect(await p.app.get(OfferDispatchService).share(id, leadRow.current_ranking_id!)).toBe('already-shared');
    const notice = await p.database.db.selectFrom('notifications').select('id').executeTakeFirstOrThrow();
    expect(await p.app.get(NotificationService).deliver(notice.id, { made: 0, max: 3 })).toBe('nothing-to-do');
    expect(await snapshot(p)).toEqual(before);

    const rescore = p.app.get(RescoreService);
    const { runId } = await rescore.start('年度评估复核');
    await p.drain();
    const afterRescore = await snapshot(p);
    expect(afterRescore.rankings).toBe(before.rankings + 2);
    const status = await rescore.status(runId);
    expect(status).toMatchObject({ status: 'done', total: 2, queued: 2, rescored: 2 });
    // The same run again, and the round-1 jobs again: nothing changes.
    await rescore.run(runId);
    const round = (await p.database.db.selectFrom('leads').select('scoring_round').where('id', '=', id).executeTakeFirstOrThrow()).scoring_round;
    expect(round).toBe(1);
    expect(await p.app.get(ScoringService).score(id, 1)).toBe('already-scored');
    expect(await p.app.get(ScoringService).score(id, 0)).toBe('stale-round');
    await p.drain();
    expect(await snapshot(p)).toEqual(afterRescore);
  });

  it('a distribution job queued under its name from before the rename (queue "sharing", job "share-lead") is still run, once', async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', 'rudong', { description: '碳化硅衬底项目，计划建设八英寸SiC衬底产线。' }), { as: 'promoter:rudong' });
    await p.drain();
    const id = created.body.id as string;
    const { current_ranking_id: rankingId } = await p.database.db.selectFrom('leads').select('current_ranking_id').where('id', '=', id).executeTakeFirstOrThrow();
    const before = await snapshot(p);
    const connection = new Redis(p.redisUrl, { maxRetriesPerRequest: null });
    const legacy = new Queue('sharing', { connection, prefix: p.prefix });
    try {
      const job = await legacy.add('share-lead', { leadId: id, rankingId }, { jobId: `legacy.${id}` });
      const end = Date.now() + 20_000;
      while ((await job.getState()) !== 'completed') {
        if (Date.now() > end) throw new Error(`the old-name job is ${await job.getState()}: ${(await legacy.getJob(job.id!))?.failedReason ?? 'never taken'}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await legacy.getJob(job.id!))!.returnvalue).toBe('already-shared');
      expect(await snapshot(p)).toEqual(before);
    } finally {
      await legacy.close();
      connection.disconnect();
    }
  });
});
