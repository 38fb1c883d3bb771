import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, startRedis, type RunningService } from '#launcher';

/**
 * Real services for the whole run: a private redis-server and PostgreSQL server, unless
 * TEST_REDIS_URL / TEST_DATABASE_URL point at running ones. A missing server fails the run loudly.
 */
export default async function globalSetup(): Promise<void> {
  const started: RunningService[] = [];
  const root = mkdtempSync(join(tmpdir(), 'parkmatch-test-'));
  chmodSync(root, 0o755); // the PostgreSQL server runs as user postgres when the tests run as root
  if (!process.env.TEST_REDIS_URL) {
    const redis = await startRedis({ dir: join(root, 'redis') });
    started.push(redis);
    process.env.TEST_REDIS_URL = redis.url;
  }
  if (!process.env.TEST_DATABASE_URL) {
    const pgs = await startPostgres({ dir: join(root, 'pg') });
    started.push(pgs);
    process.env.TEST_DATABASE_URL = pgs.url;
  }
  process.env.TEST_TMP_ROOT = root;
  (globalThis as { __parkmatchServices?: RunningService[] }).__parkmatchServices = started;
}
