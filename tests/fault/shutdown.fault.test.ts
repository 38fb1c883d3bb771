import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { startRedis } from '#launcher';
import { lockPathFor, pgliteDir } from '#persistence';
import { spawnApi, type ApiProcess } from '../support/api-process.js';
import { createServerDatabase, DATABASE_KINDS, type DatabaseKind } from '../support/databases.js';
import { api } from '../support/platform.js';

const BOUND_MS = 4000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long after `t0` the process exited, or 'still running' once `waitMs` passed. */
async function exitAfter(p: { exited: ApiProcess['exited'] }, t0: number, waitMs: number): Promise<number | 'still running'> {
  const r = await Promise.race([p.exited, sleep(waitMs).then(() => 'still running' as const)]);
  return r === 'still running' ? r : r.at - t0;
}
/** A request whose body never arrives: the HTTP server cannot finish it on its own. */
function stuckRequest(url: string): Promise<Socket> {
  return new Promise((resolve) => {
    const s = connect(Number(new URL(url).port), '127.0.0.1', () => {
      s.write('POST /api/leads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"desc');
      setTimeout(() => resolve(s), 300);
    });
    s.on('error', () => undefined);
  });
}

describe.each(DATABASE_KINDS)('SIGTERM/SIGINT stop the platform within SHUTDOWN_TIMEOUT_MS (%s)', (kind: DatabaseKind) => {
  const root = join(process.env.TEST_TMP_ROOT!, `shutdown-${kind}`);
  const running: ApiProcess[] = [];
  let n = 0;
  const dbEnv = async (): Promise<Record<string, string>> =>
    kind === 'postgres' ? { DATABASE_URL: await createServerDatabase() } : { PARKMATCH_DATA_DIR: join(root, `data${n++}`) };
  afterAll(() => running.forEach((p) => p.child.kill('SIGKILL')));

  it('with its redis-server stopped, SIGTERM stops the API (and the worker) cleanly within the bound', async () => {
    const redis = await startRedis({ dir: join(root, 'redis') });
    const env: Record<string, string> = { ...(await dbEnv()), REDIS_URL: redis.url, QUEUE_PREFIX: `pmshut${n}`, SHUTDOWN_TIMEOUT_MS: String(BOUND_MS) };
    const p = await spawnApi(env);
    running.push(p);
    expect(await p.ready()).toBe(true);
    let worker: ApiProcess | undefined;
    if (kind === 'postgres') {
      const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], { env: { ...process.env, ...env, NODE_OPTIONS: '', LOG_LEVEL: 'error' }, stdio: 'ignore' });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) => child.once('exit', (code, signal) => r({ code, signal, at: Date.now() })));
      worker = { child, pid: child.pid!, url: '', output: () => '', exited, ready: async () => true };
      running.push(worker);
      const end = Date.now() + 60_000;
      while ((await api(p.url, 'GET', '/health')).body?.worker?.status !== 'up') {
        if (Date.now() > end) throw new Error('the worker process never reported in');
        await sleep(200);
      }
    }
    await redis.stop();
    while ((await api(p.url, 'GET', '/health')).body?.redis?.status !== 'down') await sleep(100);
    await sleep(1000); // the workers' connections are retrying by now

    const t0 = Date.now();
    p.child.kill('SIGTERM');
    worker?.child.kill('SIGTERM');
    expect(await exitAfter(p, t0, BOUND_MS + 3000)).toBeLessThan(BOUND_MS);
    expect((await p.exited).code).toBe(0); // stopped by itself, not cut off by the deadline
    if (worker) {
      expect(await exitAfter(worker, t0, BOUND_MS + 3000)).toBeLessThan(BOUND_MS);
      expect((await worker.exited).code).toBe(0);
    }
    if (kind === 'pglite') expect(existsSync(lockPathFor(pgliteDir(env.PARKMATCH_DATA_DIR!)))).toBe(false);
  }, 180_000);

  it('a request that never finishes does not hold the exit: at the deadline the process exits and names it', async () => {
    const p = await spawnApi({ ...(await dbEnv()), REDIS_URL: process.env.TEST_REDIS_URL!, SHUTDOWN_TIMEOUT_MS: String(BOUND_MS) });
    running.push(p);
    expect(await p.ready()).toBe(true);
    const socket = await stuckRequest(p.url);
    const t0 = Date.now();
    p.child.kill('SIGTERM');
    const after = await exitAfter(p, t0, BOUND_MS + 5000);
    socket.destroy();
    expect(after).not.toBe('still running');
    expect(after).toBeLessThan(BOUND_MS + 1500);
    expect(p.output()).toContain('停止超时');
    expect(p.output()).toContain('请求 POST /api/leads');
  }, 180_000);

  it('a second SIGINT exits at once', async () => {
    const env: Record<string, string> = { ...(await dbEnv()), REDIS_URL: process.env.TEST_REDIS_URL!, SHUTDOWN_TIMEOUT_MS: '60000' };
    const p = await spawnApi(env);
    running.push(p);
    expect(await p.ready()).toBe(true);
    const socket = await stuckRequest(p.url); // keeps the first, graceful stop waiting
    p.child.kill('SIGINT');
    while (!p.output().includes('收到 SIGINT')) await sleep(50);
    await sleep(300);
    expect(p.child.exitCode).toBeNull();
    const t0 = Date.now();
    p.child.kill('SIGINT');
    const after = await exitAfter(p, t0, 5000);
    socket.destroy();
    expect(after).toBeLessThan(1000);
    expect(p.output()).toContain('再次收到 SIGINT：立即退出');
    if (kind === 'pglite') expect(existsSync(lockPathFor(pgliteDir(env.PARKMATCH_DATA_DIR!)))).toBe(false);
  }, 180_000);
});
