import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '#launcher';
import { pgliteDir } from '#persistence';
import { QueueProducer } from '#queues';
import { spawnApi } from '../support/api-process.js';
import { createServerDatabase, DATABASE_KINDS, type DatabaseKind } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { api, platformForSuite, signIn } from '../support/platform.js';

const ADMIN = 'Basic ' + Buffer.from('admin:test-admin-password').toString('base64');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The value of one sample of the Prometheus text, 0 when the series is not there yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',');
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return 0;
}

/** The JSON log lines of a process's output whose message is an object. */
function jsonLines(output: string): { context?: string; message: Record<string, unknown> }[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      try {
        return JSON.parse(l) as { context?: string; message: unknown };
      } catch {
        return undefined;
      }
    })
    .filter((l): l is { context?: string; message: Record<string, unknown> } => !!l && typeof l.message === 'object' && l.message !== null);
}

async function waitFor<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, output: () => string, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what} did not happen within ${timeoutMs} ms; output:\n${output().slice(-4000)}`);
    await sleep(200);
  }
}

describe.each(DATABASE_KINDS)('/metrics: Prometheus metrics for admins (%s)', (db) => {
  const p = platformForSuite({ db });

  const metrics = async (headers: Record<string, string> = { authorization: ADMIN }) => fetch(p.url + '/metrics', { headers });

  it('refuses without credentials, with a wrong password and to a non-admin; answers the admin (basic auth or token)', async () => {
    const none = await metrics({});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Basic');
    expect(((await none.json()) as { message: string }).message).toContain('ADMIN_PASSWORD');
    expect((await metrics({ authorization: 'Basic ' + Buffer.from('admin:wrong-password').toString('base64') })).status).toBe(401);
    const promoter = await metrics({ authorization: `Bearer ${await p.tokenFor('promoter:jiafang')}` });
    expect(promoter.status).toBe(403);
    expect(((await promoter.json()) as { message: string }).message).toBe('监控指标仅限系统管理员（admin）');
    const basic = await metrics();
    expect(basic.status).toBe(200);
    expect(basic.headers.get('content-type')).toContain('text/plain');
    expect((await metrics({ authorization: `Bearer ${await p.tokenFor('admin')}` })).status).toBe(200);
  });

  it('after a lead is scored and shared: its scoring job’s duration, the route histogram, queue depths, outbox lag and database waits', async () => {
    const before = await (await metrics()).text();
    const created = await p.call('POST', '/api/leads', lead('sic', 'jiafang'), { as: 'promoter:jiafang' });
    expect(created.status).toBe(201);
    await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: 'manager' });
    await p.drain();
    const after = await (await metrics()).text();

    const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    expect(delta('parkmatch_job_duration_seconds_count', { job: 'score-lead', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'parkmatch_job_duration_seconds_sum', { job: 'score-lead', outcome: 'completed' })).toBeGreaterThan(0);
    // by route template, not by lead id
    expect(delta('parkmatch_http_request_duration_seconds_count', { method: 'POST', route: '/api/leads', status: '201' })).toBe(1);
    expect(delta('parkmatch_http_request_duration_seconds_count', { method: 'GET', route: '/api/leads/:id', status: '200' })).toBe(1);
    expect(after).not.toContain(created.body.id);
    expect(sample(after, 'parkmatch_queue_jobs', { queue: 'scoring', state: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^parkmatch_queue_jobs\{queue="distribution",state="waiting"\} 0$/m);
    expect(after).toMatch(/^parkmatch_outbox_pending 0$/m);
    expect(after).toMatch(/^parkmatch_outbox_lag_seconds 0$/m);
    expect(delta('parkmatch_db_acquire_wait_seconds_count', { database: db })).toBeGreaterThan(0);
  });

  it('shows an import’s progress: rows read and stored, then scored, until it is done', async () => {
    // Scoring paused (a real BullMQ pause), so the import stays visibly unfinished until it is resumed.
    const queues = new QueueProducer(p.redisUrl, p.prefix);
    await queues.queue('scoring').pause();
    let id = '';
    try {
      const rows = Array.from({ length: 40 }, (_, i) => `南通测试${i}号科技有限公司,,碳化硅功率器件及外延片生产线第${i}期,,${i + 1},亿元,,,,,`);
      const csv = ['企业名称,统一社会信用代码,项目描述,所属行业,投资额,投资额单位,用地(亩),招商渠道,联系人,联系电话,联系邮箱', ...rows].join('\r\n');
      const form = new FormData();
      form.set('file', new Blob([csv]), 'leads.csv');
      form.set('originBoard', 'jiafang');
      form.set('submitter', '家纺-导入员');
      const started = await p.call('POST', '/api/imports', form, { as: 'promoter:jiafang', headers: { 'x-request-id': `import-${db}` } });
      expect(started.status).toBeLessThan(300);
      id = started.body.id as string;
      const read = await waitFor(
        'the import to be read',
        async () => {
          const b = (await p.call('GET', `/api/imports/${id}`, undefined, { as: 'promoter:jiafang' })).body;
          return b.status === 'running' ? undefined : b;
        },
        () => '',
        30_000,
      );
      expect(read).toMatchObject({ status: 'scoring', rowsOk: 40, scored: 0 });
      const reading = await (await metrics()).text();
      expect(sample(reading, 'parkmatch_imports', { status: 'scoring' })).toBe(1);
      expect(sample(reading, 'parkmatch_import_rows', { status: 'scoring', kind: 'read' })).toBe(40);
      expect(sample(reading, 'parkmatch_import_rows', { status: 'scoring', kind: 'ok' })).toBe(40);
      expect(sample(reading, 'parkmatch_import_rows', { status: 'scoring', kind: 'scored' })).toBe(0);
      expect(sample(reading, 'parkmatch_queue_jobs', { queue: 'scoring', state: 'waiting' })).toBeGreaterThanOrEqual(40);
    } finally {
      await queues.queue('scoring').resume();
      await queues.close();
    }
    await p.drain();
    const scoredAll = await (await metrics()).text();
    // the upload's request id reached every lead its background parse stored
    const outbox = await p.database.db.selectFrom('outbox').select('payload').where('job_name', '=', 'score-lead').execute();
    expect(outbox.filter((r) => r.payload.requestId === `import-${db}`)).toHaveLength(40);
    expect(sample(scoredAll, 'parkmatch_import_rows', { status: 'scoring', kind: 'scored' })).toBe(40);
    expect(sample(scoredAll, 'parkmatch_import_rows', { status: 'scoring', kind: 'shared' })).toBe(40);
    // the import is marked done when its progress is next read, as the console does
    expect((await p.call('GET', `/api/imports/${id}`, undefined, { as: 'promoter:jiafang' })).body.status).toBe('done');
    const done = await (await metrics()).text();
    expect(sample(done, 'parkmatch_imports', { status: 'scoring' })).toBe(0);
    expect(sample(done, 'parkmatch_import_rows', { status: 'scoring', kind: 'ok' })).toBe(0);
  });
});

describe.each(DATABASE_KINDS)('request ids follow a lead into the worker’s log (%s, real processes)', (kind: DatabaseKind) => {
  const running: ChildProcess[] = [];
  afterAll(() => running.forEach((c) => c.kill('SIGKILL')));

  it('POST /api/leads echoes a sane X-Request-Id, replaces an odd one, and the worker logs it with the lead’s scoring', async () => {
    const prefix = 'pmobs' + randomBytes(4).toString('hex');
    const env: Record<string, string> = { REDIS_URL: process.env.TEST_REDIS_URL!, QUEUE_PREFIX: prefix, LOG_FORMAT: 'json', LOG_LEVEL: 'log' };
    if (kind === 'postgres') env.DATABASE_URL = await createServerDatabase();
    else {
      env.PARKMATCH_DATA_DIR = join(process.env.TEST_TMP_ROOT!, prefix);
      cpSync(process.env.TEST_PGLITE_TEMPLATE!, pgliteDir(env.PARKMATCH_DATA_DIR), { recursive: true });
    }
    const apiProcess = await spawnApi(env);
    running.push(apiProcess.child);
    expect(await apiProcess.ready()).toBe(true);
    // PGlite: the API process runs the workers; a PostgreSQL server: a worker process of its own, with its metrics port.
    let worker: { output(): string; metricsUrl?: string } = apiProcess;
    if (kind === 'postgres') {
      const port = await freePort();
      const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
        env: { ...process.env, ...env, NODE_OPTIONS: '', ADMIN_PASSWORD: 'test-admin-password', METRICS_PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running.push(child);
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      worker = { output: () => out, metricsUrl: `http://127.0.0.1:${port}/metrics` };
      await waitFor('the worker process reporting in', async () => ((await api(apiProcess.url, 'GET', '/health')).body?.worker?.status === 'up' ? true : undefined), () => out);
    }

    const token = await signIn(apiProcess.url, 'promoter-jiafang');
    const requestId = `e2e-${kind}-${randomBytes(4).toString('hex')}`;
    const created = await api(apiProcess.url, 'POST', '/api/leads', lead('sic', 'jiafang'), { authorization: `Bearer ${token}`, 'x-request-id': requestId });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe(requestId);
    // how long the server took, for a browser's timing of a slow reading (the dashboard test prints it)
    expect(Number(/^app;dur=([\d.]+)$/.exec(created.headers.get('server-timing') ?? '')?.[1])).toBeGreaterThan(0);
    const odd = await api(apiProcess.url, 'GET', '/api/parks', undefined, { 'x-request-id': 'a b\u00e9'.repeat(3) });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const jobLine = (job: string) => () =>
      jsonLines(worker.output()).find((l) => l.context === 'Job' && l.message.job === job && l.message.leadId === created.body.id && l.message.outcome === 'completed');
    const scored = await waitFor('the scoring log line', jobLine('score-lead'), worker.output);
    expect(scored.message.requestId).toBe(requestId);
    expect(scored.message.ms).toEqual(expect.any(Number));
    // a new lead is shared in its scoring job (one transaction): the lead's shares are in the same line's work
    expect((await api(apiProcess.url, 'GET', `/api/leads/${created.body.id}`, undefined, { authorization: `Bearer ${token}` })).body.status).toBe('shared');
    const http = jsonLines(apiProcess.output()).find((l) => l.context === 'Http' && l.message.requestId === requestId);
    expect(http?.message).toMatchObject({ method: 'POST', route: '/api/leads', status: 201 });

    if (worker.metricsUrl) {
      expect((await fetch(worker.metricsUrl)).status).toBe(401);
      const m = await fetch(worker.metricsUrl, { headers: { authorization: ADMIN } });
      expect(m.status).toBe(200);
      const text = await m.text();
      expect(sample(text, 'parkmatch_job_duration_seconds_count', { job: 'score-lead', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
      // the worker answers no HTTP requests of the API
      expect(text).not.toContain('route="/api/leads"');
    }
  });
});
