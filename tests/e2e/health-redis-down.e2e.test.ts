import { join } from 'node:path';
import { startRedis } from '#launcher';
import { api, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { DATABASE_KINDS } from '../support/databases.js';

describe.each(DATABASE_KINDS)('health while Redis is down (%s)', (db) => {
  let p: TestPlatform;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis({ dir: join(process.env.TEST_TMP_ROOT!, `redis-health-${db}`) });
    p = await startTestPlatform({ db, redisUrl: redis.url });
  });
  afterAll(async () => {
    await p.close();
    await redis.stop();
  });

  it('reports Redis down with a 503 instead of crashing, and green again when it returns', async () => {
    expect((await api(p.url, 'GET', '/health')).status).toBe(200);
    await redis.stop();
    const down = await api(p.url, 'GET', '/health');
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('degraded');
    expect(down.body.redis.status).toBe('down');
    expect(down.body.database.status).toBe('up');
    // The API still answers reads while Redis is away.
    expect((await api(p.url, 'GET', '/api/parks')).status).toBe(200);

    redis = await startRedis({ dir: join(process.env.TEST_TMP_ROOT!, `redis-health-${db}`), port: redis.port });
    const end = Date.now() + 15000;
    let res = await api(p.url, 'GET', '/health');
    while (res.status !== 200 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      res = await api(p.url, 'GET', '/health');
    }
    expect(res.body.redis.status).toBe('up');
  });
});
