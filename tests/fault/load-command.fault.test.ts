import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_KINDS, type DatabaseKind } from '../support/databases.js';

/**
 * `npm run load` as a person runs it in a terminal: its own process group, so a Ctrl-C (SIGINT to the whole group)
 * reaches every process it started directly, as a terminal's does. Its private servers are its own (no DATABASE_URL
 * or REDIS_URL), and its temporary folder goes under `tmp`.
 */
function runLoad(args: string[], tmp: string) {
  mkdirSync(tmp, { recursive: true, mode: 0o755 });
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', TMPDIR: tmp };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['dist/apps/cli/src/load.js', ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | string>((r) => child.once('exit', (code, signal) => r(code ?? signal!)));
  let gone = false;
  void exited.then(() => (gone = true));
  return {
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    /** Waits until stderr shows `text` (the run says where it is), or fails with what it printed if it exits first. */
    async said(text: string): Promise<void> {
      while (!stderr.includes(text)) {
        if (gone) throw new Error(`load exited before printing「${text}」:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.each(DATABASE_KINDS)('npm run load (%s)', (kind: DatabaseKind) => {
  // Short names: PostgreSQL's socket goes in the run's folder, and a Unix socket path has at most 107 bytes.
  const root = join(process.env.TEST_TMP_ROOT!, `load-${kind}`);
  const started: ReturnType<typeof runLoad>[] = [];
  afterAll(() => started.forEach((r) => r.child.exitCode === null && process.kill(-r.child.pid!, 'SIGKILL')));

  it('Ctrl-C during a run stops it in order: exit 130, no stack trace, no figures, its processes and temporary folder gone', async () => {
    const tmp = join(root, 'int');
    const run = runLoad(['--burst', '20000', '--database', kind, ...(kind === 'postgres' ? ['--workers', '1'] : [])], tmp);
    started.push(run);
    await run.said('开始：');
    const workerPids = [...(/pid ([\d、]+)）/.exec(run.stderr())?.[1]?.split('、') ?? [])].map(Number);
    expect(workerPids.length).toBe(kind === 'postgres' ? 1 : 0);
    process.kill(-run.child.pid!, 'SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toContain('已停止');
    expect(run.stderr()).not.toMatch(/^\s+at /m); // no stack trace
    expect(run.stderr()).not.toMatch(/Unhandled|load failed|Connection terminated|terminating connection/);
    expect(run.stdout()).toBe(''); // a run cut short prints no figures
    for (const pid of workerPids) expect(alive(pid)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  }, 180_000);

  it('Ctrl-C during an import stops it the same way and prints how far the import got', async () => {
    const tmp = join(root, 'imp');
    const run = runLoad(['--import-rows', '20000', '--database', kind, ...(kind === 'postgres' ? ['--workers', '1'] : [])], tmp);
    started.push(run);
    await run.said('开始：');
    process.kill(-run.child.pid!, 'SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).not.toMatch(/^\s+at /m);
    expect(run.stderr()).not.toMatch(/Unhandled|load failed|Connection terminated|terminating connection/);
    const line = JSON.parse(run.stdout()) as { mode: string; rows: number; status: string; interrupted: boolean; api_list_during_ms: { reads: number } };
    expect(line).toMatchObject({ mode: 'import', rows: 20000, interrupted: true });
    expect(line.status).not.toBe('done');
    expect(readdirSync(tmp)).toEqual([]);
  }, 180_000);

  it('a small run prints its JSON line: every lead offered, none doubled, and where the workers ran', async () => {
    const args = ['--burst', '60', '--database', kind, '--no-baseline', ...(kind === 'postgres' ? ['--workers', '2'] : [])];
    const run = runLoad(args, join(root, 'small'));
    started.push(run);
    expect(await run.exited).toBe(0);
    const line = JSON.parse(run.stdout()) as { leads: number; lost: number; doubled: Record<string, number>; database: string; worker_processes: number };
    expect(line).toMatchObject({ leads: 60, lost: 0, database: kind, worker_processes: kind === 'postgres' ? 2 : 0 });
    expect(Object.values(line.doubled)).toEqual([0, 0, 0, 0]);
    expect(run.stderr()).toContain(kind === 'postgres' ? '工作进程 2 个' : '工作者在本进程内');
  }, 180_000);
});

it('npm run load --workers on the embedded database is refused with a message that says why', async () => {
  const run = runLoad(['--workers', '2', '--database', 'pglite'], join(process.env.TEST_TMP_ROOT!, 'load-command-refused'));
  expect(await run.exited).toBe(2);
  expect(run.stderr()).toContain('--workers 只用于 --database postgres');
});
