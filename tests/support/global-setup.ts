import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlatformDatabase } from '#core';
import { startPostgres, startRedis, type RunningService } from '#launcher';
import { pgliteDir } from '#persistence';
import { loadSettings } from '#settings';

export interface TestRun {
  services: RunningService[];
  /** The run's folder, when this setup made it (scripts/test.sh makes and removes its own). */
  ownRoot?: string;
}

/**
 * Real services for the whole run: a private redis-server and PostgreSQL server, unless
 * TEST_REDIS_URL / TEST_DATABASE_URL point at running ones. A missing server fails the run loudly.
 * They die with this process however it ends (libs/launcher); the global teardown stops them first.
 */
export default async function globalSetup(): Promise<void> {
  const run: TestRun = { services: [] };
  (globalThis as { __parkmatchRun?: TestRun }).__parkmatchRun = run;
  let root = process.env.TEST_TMP_ROOT;
  if (!root) {
    root = run.ownRoot = mkdtempSync(join(tmpdir(), 'parkmatch-test-'));
    chmodSync(root, 0o755); // the PostgreSQL server runs as user postgres when the tests run as root
    process.env.TEST_TMP_ROOT = root;
  }
  if (!process.env.TEST_REDIS_URL) {
    const redis = await startRedis({ dir: join(root, 'redis') });
    run.services.push(redis);
    process.env.TEST_REDIS_URL = redis.url;
  }
  if (!process.env.TEST_DATABASE_URL) {
    const pgs = await startPostgres({ dir: join(root, 'pg') });
    run.services.push(pgs);
    process.env.TEST_DATABASE_URL = pgs.url;
  }
  // One migrated embedded database for the run, copied by every PGlite test platform: creating and
  // migrating a fresh folder costs each of them 3–20 s of CPU (tests/support/platform.ts).
  const template = join(root, 'pglite-template');
  const handle = await openPlatformDatabase(loadSettings({ PARKMATCH_DATA_DIR: template, LOG_LEVEL: 'error', ADMIN_PASSWORD: 'test-admin-password' }));
  await handle.close();
  process.env.TEST_PGLITE_TEMPLATE = pgliteDir(template);
}
