import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort } from '#launcher';

/** The API as `npm run up` runs it: its own process (`node dist/apps/api/src/main.js`), output kept. */
export interface ApiProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resolves when /health answers (true) or the process has exited (false). */
  ready(timeoutMs?: number): Promise<boolean>;
}

export async function spawnApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: String(port),
      QUEUE_PREFIX: 'pmproc' + randomBytes(4).toString('hex'),
      DEMO_DATA: 'false',
      ADMIN_PASSWORD: 'test-admin-password',
      LOG_FORMAT: 'pretty',
      NO_COLOR: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    pid: child.pid!,
    url,
    output: () => out,
    exited,
    async ready(timeoutMs = 90_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        if (gone) return false;
        const up = await fetch(url + '/health').then(() => true, () => false);
        if (up) return true;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`the API did not answer within ${timeoutMs} ms:\n${out}`);
    },
  };
}
