import { sql } from 'kysely';
import { NotificationService, OfferDispatchService, RescoreService, ScoringService } from '#pipeline';
import { lead } from '../support/leads.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const TABLES = ['leads', 'rankings', 'offers', 'lead_events', 'notifications', 'outbox', 'duplicates'];

async function snapshot(p: TestPlatform): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(p.database.db)).rows[0]!.n;
  return out;
}

describe('every job run twice changes nothing twice', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ db: 'pglite' });
  });
  afterAll(() => p.close());

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
});
