import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lockPathFor, pgliteDir, readPgliteLock } from '#persistence';
import { spawnApi, type ApiProcess } from '../support/api-process.js';
import { lead } from '../support/leads.js';
import { api, signIn } from '../support/platform.js';

/** Two platform processes on one embedded database folder lost data (issue 16, observation 5). */
describe('one platform process per embedded database folder', () => {
  const dataDir = join(process.env.TEST_TMP_ROOT!, 'lock-fault');
  const env = () => ({ PARKMATCH_DATA_DIR: dataDir, REDIS_URL: process.env.TEST_REDIS_URL! });
  const started: ApiProcess[] = [];
  let winner: ApiProcess;
  let leadId: string;
  beforeAll(() => mkdirSync(dataDir, { recursive: true }));
  afterAll(() => started.forEach((p) => p.child.kill('SIGKILL')));

  it('of two processes started at once on one folder one serves, the other is refused naming it', async () => {
    const pair = await Promise.all([spawnApi(env()), spawnApi(env())]);
    started.push(...pair);
    const up = await Promise.all(pair.map((p) => p.ready()));
    expect(up.filter(Boolean)).toHaveLength(1);
    winner = up[0] ? pair[0]! : pair[1]!;
    const refused = up[0] ? pair[1]! : pair[0]!;
    expect((await refused.exited).code).not.toBe(0);
    expect(refused.output()).toContain('正被另一个进程使用');
    expect(refused.output()).toContain(`pid ${winner.pid}`);
    expect(refused.output()).toContain('dist/apps/api/src/main.js');

    // The first keeps serving: a promoter submits a lead and reads it back.
    const auth = { authorization: `Bearer ${await signIn(winner.url, 'promoter-haian')}` };
    const created = await api(winner.url, 'POST', '/api/leads', lead('sic', 'haian'), auth);
    expect(created.status).toBe(201);
    leadId = created.body.id;
    expect((await api(winner.url, 'GET', `/api/leads/${leadId}`, undefined, auth)).status).toBe(200);
  }, 180_000);

  it('a lock left by a killed process is taken over (and logged), and its data is there', async () => {
    winner.child.kill('SIGKILL');
    await winner.exited;
    const lockFile = lockPathFor(pgliteDir(dataDir));
    expect(readPgliteLock(pgliteDir(dataDir))?.pid).toBe(winner.pid); // kill -9 leaves it behind

    const next = await spawnApi(env());
    started.push(next);
    expect(await next.ready()).toBe(true);
    expect(next.output()).toMatch(new RegExp(`接管过期的锁 .*pid ${winner.pid}`));
    expect(readPgliteLock(pgliteDir(dataDir))?.pid).toBe(next.pid);
    const auth = { authorization: `Bearer ${await signIn(next.url, 'promoter-haian')}` };
    expect((await api(next.url, 'GET', `/api/leads/${leadId}`, undefined, auth)).status).toBe(200);

    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
    expect(existsSync(lockFile)).toBe(false); // a clean stop releases the folder
  }, 180_000);
});
