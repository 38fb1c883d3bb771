import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Socket } from 'node:net';
import { findBinary } from './find-binary.js';
import { freePort, waitFor } from './free-port.js';
import { spawnServer } from './spawn-server.js';

export interface RunningService {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export class MissingBinaryError extends Error {}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(1000);
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
  });
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill(signal);
  });
}

/** Starts a private redis-server (Debian package redis-server) on a free loopback port. */
export async function startRedis(opts: { dir: string; port?: number; detached?: boolean; ownProcessGroup?: boolean }): Promise<RunningService & { child: ChildProcess }> {
  const bin = findBinary('redis-server', ['/usr/bin', '/usr/sbin']);
  if (!bin) throw new MissingBinaryError('redis-server is not installed: run `apt-get install -y redis-server` (as root) or set REDIS_URL');
  mkdirSync(opts.dir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const child = spawnServer(bin, ['--port', String(port), '--bind', '127.0.0.1', '--dir', opts.dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
    dieSignal: 'SIGTERM',
    detached: opts.detached,
    ownProcessGroup: opts.ownProcessGroup,
  });
  await waitFor(() => ping(port), `redis-server on port ${port}`);
  return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid!, child, stop: () => stopChild(child) };
}

export { ping as pingRedis };
