import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { spawnServer, stopChild } from '#launcher';
import type { Database } from '#persistence';

const WORKER_MAIN = fileURLToPath(new URL('../../worker/src/main.js', import.meta.url));

/** The documented deployment's rule of thumb (docs/scaling.md): one worker copy per core beyond the API's, at least one. */
export function defaultWorkerProcesses(): number {
  return Math.max(1, availableParallelism() - 1);
}

export interface WorkerProcesses {
  pids: number[];
  /** Resolves once every copy has written its heartbeat (its workers are up); rejects, with its output, if one exits first. */
  ready(db: Kysely<Database>, timeoutMs?: number): Promise<void>;
  /** SIGTERM to every copy (each finishes its running batch and closes its pool), then waits for them to exit. */
  stop(): Promise<void>;
}

/**
 * `n` copies of `node dist/apps/worker/src/main.js` beside the load run's API, as on a PostgreSQL server deployment.
 * Each is in its own process group (a terminal's Ctrl-C reaches only the load run, which stops them first, in order)
 * and dies with the load run. Their error lines go to stderr, named by pid.
 */
export function startWorkerProcesses(n: number, env: NodeJS.ProcessEnv, say: (m: string) => void): WorkerProcesses {
  let stopping = false;
  const tails = new Map<number, string>();
  const children: ChildProcess[] = Array.from({ length: n }, () => {
    const child = spawnServer(process.execPath, [WORKER_MAIN], { dieSignal: 'SIGTERM', ownProcessGroup: true, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const pid = child.pid!;
    tails.set(pid, '');
    child.stderr!.on('data', (d: Buffer) => {
      tails.set(pid, (tails.get(pid)! + d.toString()).slice(-4000));
      // A shutdown deadline's line names every running job (hundreds in a batch): the start says enough.
      for (const line of d.toString().split('\n')) if (line.trim()) say(`工作进程 ${pid}：${line.length > 600 ? `${line.slice(0, 600)}…（共 ${line.length} 字）` : line}`);
    });
    child.once('exit', (code, signal) => {
      if (!stopping) say(`工作进程 ${pid} 意外退出（${signal ?? `代码 ${code}`}）；其余进程继续，停滞超过 --stall 秒的线索记为丢失`);
    });
    return child;
  });
  const pids = children.map((c) => c.pid!);
  return {
    pids,
    async ready(db, timeoutMs = 60_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const gone = children.find((c) => c.exitCode !== null || c.signalCode !== null);
        if (gone) throw new Error(`工作进程 ${gone.pid} 启动失败（${gone.signalCode ?? `代码 ${gone.exitCode}`}）：${tails.get(gone.pid!)?.trim() || '无输出'}`);
        const up = await db.selectFrom('worker_heartbeats').select('pid').where('pid', 'in', pids).execute();
        if (new Set(up.map((r) => r.pid)).size === n) return;
        if (Date.now() > end) throw new Error(`工作进程在 ${timeoutMs / 1000} 秒内未全部就绪（${up.length}/${n}）`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      stopping = true;
      await Promise.all(children.map((c) => stopChild(c, 'SIGTERM', 15_000)));
    },
  };
}
