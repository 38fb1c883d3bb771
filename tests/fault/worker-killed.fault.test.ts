import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
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

  it('kill -9 during scoring, restart: every lead scored exactly once, offers never doubled', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const kind = (['sic', 'hydrogen', 'textile'] as const)[i % 3]!;
      const r = await p.call('POST', '/api/leads', lead(kind, 'haian', { description: `${lead(kind, 'haian').description} 编号${i}` }), { as: 'promoter:haian' });
      ids.push(r.body.id);
    }
    worker = startWorker(p);
    const end = Date.now() + 60000;
    while ((await count(p, sql<{ n: number }>`select count(*)::int as n from rankings`)) < 10) {
      if (Date.now() > end) throw new Error('worker scored nothing');
      await new Promise((r) => setTimeout(r, 20));
    }
    worker.kill('SIGKILL');
    await new Promise((r) => worker!.once('exit', r));
    const atKill = await count(p, sql<{ n: number }>`select count(*)::int as n from rankings`);
    expect(atKill).toBeLessThan(120);

    // No half-written state: every stored ranking is the lead's current one and has its share job.
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from rankings r join leads l on l.id = r.lead_id where l.current_ranking_id is distinct from r.id`)).toBe(0);
    expect(
      await count(p, sql<{ n: number }>`select count(*)::int as n from rankings r where not exists (select 1 from outbox o where o.job_name = 'share-lead' and o.payload->>'rankingId' = r.id)`),
    ).toBe(0);

    worker = startWorker(p);
    await p.drain(90000);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from rankings`)).toBe(120);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from leads where status = 'new'`)).toBe(0);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from (select lead_id, park_id from offers group by 1, 2 having count(*) > 1) d`)).toBe(0);
    expect(await count(p, sql<{ n: number }>`select count(*)::int as n from (select lead_id from offers group by 1 having count(*) > 3) d`)).toBe(0);
  });
});
