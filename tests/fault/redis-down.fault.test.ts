import { join } from 'node:path';
import { sql } from 'kysely';
import { startRedis } from '#launcher';
import { lead } from '../support/leads.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

describe('nothing is lost while Redis is down', () => {
  let p: TestPlatform;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const dir = () => join(process.env.TEST_TMP_ROOT!, 'redis-fault');

  beforeAll(async () => {
    redis = await startRedis({ dir: dir() });
    p = await startTestPlatform({ db: 'postgres', redisUrl: redis.url });
  });
  afterAll(async () => {
    await p.close();
    await redis.stop();
  });

  it('accepts leads while Redis is stopped, keeps their work in the outbox, and catches up when Redis returns', async () => {
    await redis.stop();
    const kinds = ['sic', 'hydrogen', 'textile'] as const;
    const created = [];
    for (let i = 0; i < 15; i++) {
      const r = await p.call('POST', '/api/leads', lead(kinds[i % 3]!, 'haian', { description: `${lead(kinds[i % 3]!, 'haian').description}（第${i}批）` }), { as: 'promoter:haian' });
      expect(r.status).toBe(201);
      created.push(r.body.id as string);
    }
    const pending = await sql<{ n: number }>`select count(*)::int as n from outbox where published_at is null`.execute(p.database.db);
    expect(pending.rows[0]!.n).toBe(15);
    const scored = await sql<{ n: number }>`select count(*)::int as n from rankings`.execute(p.database.db);
    expect(scored.rows[0]!.n).toBe(0);

    redis = await startRedis({ dir: dir(), port: redis.port });
    await p.drain(90000); // reconnect backoff of the workers' blocking connections, on a busy machine
    const rows = await p.database.db.selectFrom('leads').select(['id', 'status', 'current_ranking_id']).where('id', 'in', created).execute();
    expect(rows).toHaveLength(15);
    expect(rows.every((r) => r.current_ranking_id && r.status !== 'new')).toBe(true);
  }, 150_000);
});
