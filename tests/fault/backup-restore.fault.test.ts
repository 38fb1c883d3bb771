import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { spawnApi, type ApiProcess } from '../support/api-process.js';
import { lead } from '../support/leads.js';
import { api, signIn } from '../support/platform.js';

/** `npm run backup` / `npm run restore FILE` as the operator runs them (the built CLI). */
function cli(command: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [`dist/apps/cli/src/${command}.js`, ...args], { env: { ...process.env, NODE_OPTIONS: '', ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

async function promoter(p: ApiProcess) {
  const auth = { authorization: `Bearer ${await signIn(p.url, 'promoter-haian')}` };
  return {
    submit: async (i: number) => (await api(p.url, 'POST', '/api/leads', lead('sic', 'haian', { description: `碳化硅功率器件项目第${i}期，建设6英寸SiC晶圆产线。` }), auth)).body.id as string,
    status: async (id: string) => (await api(p.url, 'GET', `/api/leads/${id}`, undefined, auth)).status,
  };
}

/** A folder PGlite could not open lost all its data (issue 16, observation 5). */
describe('the embedded database is backed up and restored', () => {
  const dataDir = join(process.env.TEST_TMP_ROOT!, 'backup-fault');
  const env = { PARKMATCH_DATA_DIR: dataDir, REDIS_URL: process.env.TEST_REDIS_URL!, SHUTDOWN_TIMEOUT_MS: '10000' };
  const started: ApiProcess[] = [];
  beforeAll(() => mkdirSync(dataDir, { recursive: true }));
  afterAll(() => started.forEach((p) => p.child.kill('SIGKILL')));

  it('backup while running, a damaged folder names the backup, restore brings the data back', async () => {
    const first = await spawnApi(env);
    started.push(first);
    expect(await first.ready()).toBe(true);
    const before = await (await promoter(first)).submit(1);

    // The running platform holds the folder, so it writes the dump on request.
    const backup = await cli('backup', [], env);
    expect(backup.out).toContain(`由运行中的平台 pid ${first.pid} 写出`);
    expect(backup.code).toBe(0);
    const file = /已备份到 (\S+\.tar\.gz)/.exec(backup.out)![1]!;
    expect(existsSync(file)).toBe(true);
    const after = await (await promoter(first)).submit(2);

    const refused = await cli('restore', [file], env);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain(`pid ${first.pid}`);

    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    // Damage the folder: an empty pg_control makes PGlite abort while opening.
    truncateSync(join(dataDir, 'pglite', 'global', 'pg_control'), 0);
    const damaged = await spawnApi(env);
    started.push(damaged);
    expect(await damaged.ready()).toBe(false);
    expect((await damaged.exited).code).not.toBe(0);
    expect(damaged.output()).toContain('无法打开');
    expect(damaged.output()).toContain(`npm run restore ${file}`);
    expect(damaged.output()).not.toMatch(/\n\s+at /); // no stack trace

    const restored = await cli('restore', [file], env);
    expect(restored.code).toBe(0);
    expect(readdirSync(dataDir).some((f) => f.startsWith('pglite.before-restore-'))).toBe(true); // the damaged folder is kept

    const again = await spawnApi(env);
    started.push(again);
    expect(await again.ready()).toBe(true);
    const p = await promoter(again);
    expect(await p.status(before)).toBe(200);
    expect(await p.status(after)).toBe(404); // written after the backup: not in it
    expect(readdirSync(join(dataDir, 'backups')).some((f) => f.endsWith('-auto.tar.gz'))).toBe(true); // each start keeps one
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  }, 300_000);

  it('with a PostgreSQL server the commands point to pg_dump / pg_restore instead', async () => {
    const url = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' };
    expect(await cli('backup', [], url)).toEqual({ code: 2, out: expect.stringContaining('pg_dump') });
    expect(await cli('restore', ['x.tar.gz'], url)).toEqual({ code: 2, out: expect.stringContaining('pg_restore') });
  });
});
