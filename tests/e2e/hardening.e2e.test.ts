import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { startApi } from '../../apps/api/src/bootstrap.js';
import { openPlatformDatabase } from '#core';
import { freePort, startRedis } from '#launcher';
import { createServerDatabase, DATABASE_KINDS } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { api, platformForSuite, startTestPlatform, type TestPlatform } from '../support/platform.js';

/**
 * The client address is the TCP source address (Express `trust proxy` is off): the API listens on 127.0.0.1,
 * which answers every 127/8 address, so each "machine" here is its own loopback address.
 */
function from(ip: string, base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Record<string, string | string[] | undefined> }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(base + path, { method, localAddress: ip, headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let json: any = text;
        try {
          json = JSON.parse(text);
        } catch {}
        resolve({ status: res.statusCode!, body: json, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

const login = (ip: string, base: string, username: string, password: string) => from(ip, base, 'POST', '/api/auth/login', { username, password });
const basic = (user: string, pass: string) => ({ authorization: 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64') });

describe.each(DATABASE_KINDS)('sign-in limits, queue dashboard, no-store (%s, real Redis)', (db) => {
  const p = platformForSuite({ db });

  it('one address trying many user names is stopped at the 21st failure with a 429 in Chinese; other addresses sign in', async () => {
    const names = [...Array.from({ length: 12 }, (_, i) => `operator-x${i}`), 'manager', 'admin', 'promoter-haian', 'promoter-rugao', 'nobody-1', 'nobody-2', 'nobody-3', 'nobody-4', 'nobody-5', 'nobody-6'];
    const tries = [];
    for (const n of names) tries.push(await login('127.0.0.2', p.url, n, 'Spring2026!'));
    expect(tries.slice(0, 20).map((t) => t.status)).toEqual(Array(20).fill(401));
    expect(tries[20]!.status).toBe(429);
    expect(tries[20]!.body.message).toMatch(/^此网络地址登录失败次数过多，请 \d+ 秒后再试$/);
    expect(Number(tries[20]!.headers['retry-after'])).toBeGreaterThan(0);
    // The right password from that address waits too; another address is not affected.
    expect((await login('127.0.0.2', p.url, 'manager', 'parkmatch-demo')).status).toBe(429);
    expect((await login('127.0.0.3', p.url, 'manager', 'parkmatch-demo')).status).toBe(200);
  });

  it('an attacker hammering a user from one address is locked out of every user name, while the user signs in from another address', async () => {
    const tries = [];
    for (let i = 0; i < 25; i++) tries.push((await login('127.0.0.4', p.url, 'promoter-qidong', `guess-${i}`)).status);
    expect(tries.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(tries.slice(10)).toEqual(Array(15).fill(429));
    expect((await login('127.0.0.4', p.url, 'promoter-haimen', 'parkmatch-demo')).status).toBe(429);
    const user = await login('127.0.0.5', p.url, 'promoter-qidong', 'parkmatch-demo');
    expect(user.status).toBe(200);
    expect(user.body.user.username).toBe('promoter-qidong');
  });

  it('a guess from many addresses slows to 3 tries per new address once the user passes 50 failures; the user\'s own address still signs in', async () => {
    for (let a = 1; a <= 5; a++) for (let i = 0; i < 10; i++) expect((await login(`127.0.1.${a}`, p.url, 'promoter-chongchuan', `guess-${a}-${i}`)).status).toBe(401);
    const fresh = [];
    for (let i = 0; i < 4; i++) fresh.push(await login('127.0.1.7', p.url, 'promoter-chongchuan', `guess-7-${i}`));
    expect(fresh.map((t) => t.status)).toEqual([401, 401, 401, 429]);
    expect(fresh[3]!.body.message).toMatch(/该账号正被多处频繁尝试登录，请 \d+ 秒后再试/);
    expect((await login('127.0.1.7', p.url, 'promoter-chongchuan', 'parkmatch-demo')).status).toBe(429);
    expect((await login('127.0.1.8', p.url, 'promoter-chongchuan', 'parkmatch-demo')).status).toBe(200);
  });

  it('the queue dashboard refuses the 6th wrong Basic-auth password from one address, and is read-only', async () => {
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push(await from('127.0.0.8', p.url, 'GET', '/admin/queues/api/queues', undefined, basic('admin', `guess-${i}`)));
    expect(tries.slice(0, 5).map((t) => t.status)).toEqual(Array(5).fill(401));
    expect(tries[5]!.status).toBe(429);
    expect(tries[5]!.body.message).toMatch(/^队列看板登录失败次数过多，请 \d+ 秒后再试$/);
    expect(Number(tries[5]!.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('127.0.0.8', p.url, 'GET', '/admin/queues/api/queues', undefined, basic('admin', 'test-admin-password'))).status).toBe(429);

    const ok = await from('127.0.0.9', p.url, 'GET', '/admin/queues/api/queues', undefined, basic('admin', 'test-admin-password'));
    expect(ok.status).toBe(200);
    expect(ok.body.queues.length).toBeGreaterThan(0);
    expect(ok.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
    const queue = ok.body.queues[0].name as string;
    for (const [method, path] of [['PUT', '/admin/queues/api/queues/pause'], ['PUT', `/admin/queues/api/queues/${queue}/retry/failed`], ['PUT', `/admin/queues/api/queues/${queue}/clean/completed`], ['POST', `/admin/queues/api/queues/${queue}/add`]]) {
      const r = await from('127.0.0.9', p.url, method!, path!, method === 'POST' ? { name: 'x', data: {} } : undefined, basic('admin', 'test-admin-password'));
      expect([path, r.status]).toEqual([path, 405]);
      expect(r.body.message).toContain('只读模式');
    }
    const admin = await p.tokenFor('admin');
    expect((await from('127.0.0.9', p.url, 'PUT', '/admin/queues/api/queues/pause', undefined, { authorization: `Bearer ${admin}` })).status).toBe(405);
  });

  it('every /api response that can carry personal data says Cache-Control: no-store; the public catalog does not', async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', 'haian'), { as: 'promoter:haian' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    await p.drain();
    const personal: [string, string][] = [
      ['promoter:haian', `/api/leads/${created.body.id}`],
      ['promoter:haian', '/api/leads'],
      ['manager', '/api/audit'],
      ['admin', '/api/users'],
      ['manager', '/api/sharing-records/export.csv'],
      ['manager', '/api/notifications?recipientKind=manager&recipientId=city'],
      ['manager', '/api/parks/rudong-dz/offers'],
      ['manager', '/api/auth/me'],
    ];
    for (const [as, path] of personal) {
      const r = await p.call('GET', path, undefined, { as });
      expect([path, r.status < 400, r.headers.get('cache-control')]).toEqual([path, true, 'no-store']);
    }
    const signIn = await api(p.url, 'POST', '/api/auth/login', { username: 'manager', password: 'parkmatch-demo' });
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    expect((await api(p.url, 'GET', '/api/leads')).headers.get('cache-control')).toBe('no-store');
    for (const path of ['/api/parks', '/api/parks/rudong-dz', '/api/boards', '/api/imports/template.csv']) expect([path, (await api(p.url, 'GET', path)).headers.get('cache-control')]).toEqual([path, 'no-cache']);
  });
});

describe('two API copies on one Redis enforce one limit (PostgreSQL: copies share a database server)', () => {
  let p: TestPlatform;
  let second: INestApplication;
  let secondUrl: string;
  beforeAll(async () => {
    p = await startTestPlatform({ db: 'postgres', env: { WRITE_RATE_PER_MIN: '12' } });
    const started = await startApi({ settings: p.settings, database: await openPlatformDatabase(p.settings), redisUrl: p.redisUrl, inProcessWorker: false, port: 0, logger: ['error'] });
    second = started.app;
    secondUrl = started.url;
  });
  afterAll(async () => {
    await second?.close();
    await p?.close();
  });

  it('failed sign-ins and writes counted on either copy add up', async () => {
    const tries = [];
    for (let i = 0; i < 11; i++) tries.push((await login('127.0.0.6', i % 2 ? secondUrl : p.url, 'operator-gangzha-dz', `guess-${i}`)).status);
    expect(tries).toEqual([...Array(10).fill(401), 429]);

    const token = await p.tokenFor('manager');
    const writes = [];
    for (let i = 0; i < 13; i++) writes.push(await api(i % 2 ? secondUrl : p.url, 'POST', '/api/leads', {}, { authorization: `Bearer ${token}` }));
    expect(writes.slice(0, 12).map((w) => w.status)).toEqual(Array(12).fill(400));
    expect(writes[12]!.status).toBe(429);
    expect(writes[12]!.body.message).toMatch(/^提交过于频繁，请 \d+ 秒后再试$/);
    expect(Number(writes[12]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('sign-in limits while Redis is down (PGlite, the single-process default)', () => {
  let p: TestPlatform;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis({ dir: join(process.env.TEST_TMP_ROOT!, 'redis-limits') });
    p = await startTestPlatform({ db: 'pglite', redisUrl: redis.url });
  });
  afterAll(async () => {
    await p?.close();
    await redis?.stop();
  });

  it('count in memory and still refuse the 21st failure from one address, never opening up', async () => {
    await redis.stop();
    const tries = [];
    for (let i = 0; i < 21; i++) tries.push((await login('127.0.0.7', p.url, `nobody-${i}`, 'Spring2026!')).status);
    expect(tries).toEqual([...Array(20).fill(401), 429]);
    expect((await login('127.0.0.3', p.url, 'manager', 'parkmatch-demo')).status).toBe(200);
    redis = await startRedis({ dir: join(process.env.TEST_TMP_ROOT!, 'redis-limits'), port: redis.port });
    const end = Date.now() + 20_000;
    while ((await api(p.url, 'GET', '/health')).status !== 200 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  });
});

describe('demo users on a network address', () => {
  const main = join(process.cwd(), 'dist/apps/api/src/main.js');
  /** Starts the built platform and returns its exit code, or what it printed once it is up (then stops it). */
  function run(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DEMO_|ALLOW_|HOST|PORT|DATABASE_URL|REDIS_URL|PARKMATCH_)/.test(k)));
    const child = spawn(process.execPath, [main], { env: { ...clean, LOG_LEVEL: 'warn', DEMO_DATA: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('控制台 console')) setTimeout(() => child.kill('SIGTERM'), 200);
      });
      child.stderr.on('data', (c) => (err += c));
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out, err });
      });
    });
  }

  it('refuses to start with demo users on HOST=0.0.0.0 (exit 2, Chinese and English), unless told explicitly; warns when listening beyond localhost', async () => {
    const refused = await run({ HOST: '0.0.0.0', PORT: String(await freePort()), REDIS_URL: process.env.TEST_REDIS_URL! });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('DEMO_USERS');
    expect(refused.err).toContain('演示账号共用公开密码，不能在非本机地址 HOST=0.0.0.0 上开放');
    expect(refused.err).toContain('ALLOW_DEMO_USERS_ON_NETWORK=true');
    expect(refused.err).toContain('must not listen on HOST=0.0.0.0');

    const env = { HOST: '0.0.0.0', PORT: String(await freePort()), DATABASE_URL: await createServerDatabase(), REDIS_URL: process.env.TEST_REDIS_URL!, QUEUE_PREFIX: 'pmtestexposure' };
    const allowed = await run({ ...env, ALLOW_DEMO_USERS_ON_NETWORK: 'true' });
    expect(allowed.out).toContain('注意：平台监听 0.0.0.0，本机以外的计算机可以访问');
    expect(allowed.out).toContain('演示账号');
    const production = await run({ ...env, DEMO_USERS: 'false' });
    expect(production.out).toContain('注意：平台监听 0.0.0.0');
    expect(production.out).not.toContain('parkmatch-demo');
  }, 120_000);
});
