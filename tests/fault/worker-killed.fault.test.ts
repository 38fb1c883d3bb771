import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { LeadService } from '#pipeline';
import { lead } from '../support/leads.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

/** The real worker process (apps/worker), as production runs it next to the API. */
function startWorker(p: TestPlatform): ChildProcess {
  const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: p.settings.DATABASE_URL,
      REDIS_URL: p.redisUrl,
      QUEUE_PREFIX: p.prefix,
      JOB_LOCK_MS: '2000',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function count(p: TestPlatform, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return (await query.execute(p.database.db)).rows[0]!.n;
}

describe('a worker killed mid-work leaves no half-written state and the work runs again', () => {
  let p: TestPlatform;
  let worker: ChildProcess | undefined;
  beforeAll(async () => {
    p = await startTestPlatform({ db: 'postgres', worker: false, env: { JOB_LOCK_MS: '2000' } });
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await p.close();
  });

  it('kill -9 between scoring batches, restart: every lead scored exactly once, offers and notices never doubled', async () => {
    // Enough leads for several scoring batches (up to 200 jobs each), so the kill lands between two commits.
    const N = 500;
    for (let i = 0; i < 20; i++) {
      const r = await p.call('POST', '/api/leads', lead('sic', 'haian', { description: `${lead('sic', 'haian').description} 编号${i}` }), { as: 'promoter:haian' });
      expect(r.status).toBe(201);
    }
    const leads = p.app.get(LeadService);
    for (let i = 20; i < N; i++) {
      const kind = (['sic', 'hydrogen', 'textile'] as const)[i % 3]!;
      await leads.create({ ...lead(kind, 'haian', { description: `${lead(kind, 'haian').description} 编号${i}` }), submitter: 'load' }, undefined, { id: 'm', username: 'manager', name: '市科技局', role: 'manager' });
    }
    worker = startWorker(p);
    const end = Date.now() + 60000;
    while ((await count(p, sql<{ n: number }>`select count(*)::int as n from rankings`)) < 1) {
      if (Date.now() > end) throw new Error('worker scored nothing');
      await new Promise((r) => setTimeout(r, 20));
    }
    worker.kill('SIGKILL');
    await new Promise((r) => worker!.once('exit', r));
    const atKill = await count(p, sql<{ n: number }>`select count(*)::int as n from rankings`);
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(N);

    // No half-written state: every stored ranking is the lead's current one, and its lead was shared in the same
    // transaction (a new lead) or has its share job.
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from rankings r join leads l on l.id = r.lead_id where l.current_ranking_id is distinct from r.id`)).toBe(0);
    expect(
      await count(p, sql<{ n: number }>`select count(*)::int as n from rankings r join leads l on l.id = r.lead_id
        where l.status = 'new' and not exists (select 1 from outbox o where o.job_name = 'distribute-lead' and o.payload->>'rankingId' = r.id)`),
    ).toBe(0);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from leads l where l.status = 'shared' and not exists (select 1 from offers o where o.lead_id = l.id)`)).toBe(0);

    worker = startWorker(p);
    await p.drain(90000);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from rankings`)).toBe(N);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from leads where status = 'new'`)).toBe(0);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from (select lead_id, park_id from offers group by 1, 2 having count(*) > 1) d`)).toBe(0);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from (select lead_id from offers group by 1 having count(*) > 3) d`)).toBe(0);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from (select 1 from notifications group by recipient_kind, recipient_id, kind, lead_id, offer_id having count(*) > 1) d`)).toBe(0);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from (select 1 from lead_events where kind in ('scored', 'shared', 'sent-to-review') group by lead_id, kind having count(*) > 1) d`)).toBe(0);
  }, 180_000);
});
