import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The servers a process starts die with it, however it ends: a parent killed with SIGTERM (no handler runs)
 * or SIGKILL must not leave its redis-server or PostgreSQL server behind (`ps -ef | grep postgres`).
 */
const launcher = pathToFileURL(join(process.cwd(), 'dist/libs/launcher/src/index.js')).href;

function alive(pid: number): boolean {
  // A dead child not yet reaped by init is a zombie: it holds no port and no data folder.
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** A node process that starts both servers, prints their pids and waits to be killed. */
async function parentWithServers(dir: string) {
  const code = `
    import { startPostgres, startRedis } from ${JSON.stringify(launcher)};
    const redis = await startRedis({ dir: ${JSON.stringify(join(dir, 'redis'))} });
    const pg = await startPostgres({ dir: ${JSON.stringify(join(dir, 'pg'))} });
    process.stdout.write(JSON.stringify({ redis: redis.pid, postgres: pg.pid }) + '\\n');
    setInterval(() => undefined, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (c) => reject(new Error(`the parent process ended early (${c})`)));
  });
  return { child, pids: JSON.parse(line) as { redis: number; postgres: number } };
}

describe.each(['SIGTERM', 'SIGKILL'] as const)('servers started by a process killed with %s', (signal) => {
  it('stop with it: no redis-server or PostgreSQL server is left running', async () => {
    const dir = mkdtempSync(join(process.env.TEST_TMP_ROOT ?? '/tmp', 'launcher-'));
    chmodSync(dir, 0o755); // reachable by the postgres user when the tests run as root
    const { child, pids } = await parentWithServers(dir);
    expect(alive(pids.redis)).toBe(true);
    expect(alive(pids.postgres)).toBe(true);
    child.kill(signal);
    expect(await until(() => !alive(pids.redis) && !alive(pids.postgres), 15_000)).toBe(true);
  }, 60_000);
});
