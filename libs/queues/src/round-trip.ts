import { Queue, Worker } from 'bullmq';
import { createRedis } from './redis-connection.js';

/**
 * The load run's baseline: `n` jobs through BullMQ and back (addBulk in thousands, a worker at concurrency 50 that
 * does nothing, completion) on a throw-away queue under `prefix`; returns the seconds it took.
 */
export async function bullmqRoundTrips(redisUrl: string, prefix: string, n: number): Promise<number> {
  const connection = createRedis(redisUrl, 'producer');
  const workerConnection = createRedis(redisUrl, 'worker');
  const queue = new Queue('baseline', { connection, prefix });
  let done = 0;
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  const worker = new Worker('baseline', async () => undefined, { connection: workerConnection, prefix, concurrency: 50, autorun: false });
  worker.on('completed', () => ++done === n && resolveAll());
  const t0 = performance.now();
  void worker.run();
  for (let i = 0; i < n; i += 1000)
    await queue.addBulk(Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({ name: 'round-trip', data: { leadId: String(i + k) }, opts: { removeOnComplete: true } })));
  if (n) await all;
  const s = (performance.now() - t0) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect();
  return s;
}
