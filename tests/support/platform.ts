import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { startApi } from '../../apps/api/src/bootstrap.js';
import { openPlatformDatabase } from '#core';
import { OutboxRepository, type DatabaseHandle } from '#persistence';
import { OUTBOX_MAX_ATTEMPTS } from '#pipeline';
import { QueueProducer } from '#queues';
import { loadSettings, type Settings } from '#settings';
import { createServerDatabase, type DatabaseKind } from './databases.js';

export interface TestPlatform {
  url: string;
  app: INestApplication;
  database: DatabaseHandle;
  settings: Settings;
  redisUrl: string;
  prefix: string;
  /**
   * An API call as a given user: 'admin', 'manager', 'promoter:<boardId>', 'operator:<parkId>'.
   * (Until sign-in exists the identity is ignored; tests should still say who acts.)
   */
  call(method: string, path: string, body?: unknown, opts?: { as?: string; headers?: Record<string, string> }): Promise<ApiResponse>;
  /** Waits until the outbox is empty and no queue has waiting, active or delayed jobs. */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  db?: DatabaseKind;
  /** Run the BullMQ workers inside the API process (as the embedded default does). */
  worker?: boolean;
  redisUrl?: string;
  env?: Record<string, string>;
}

/** The real platform on a fresh database, a private queue prefix and a free port. */
export async function startTestPlatform(o: StartOptions = {}): Promise<TestPlatform> {
  const kind = o.db ?? 'postgres';
  const prefix = 'pmtest' + randomBytes(4).toString('hex');
  const redisUrl = o.redisUrl ?? process.env.TEST_REDIS_URL!;
  const dbUrl = kind === 'postgres' ? await createServerDatabase() : undefined;
  const settings = loadSettings({
    ...(dbUrl ? { DATABASE_URL: dbUrl } : { PARKMATCH_DATA_DIR: `${process.env.TEST_TMP_ROOT ?? '/tmp'}/${prefix}` }),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'error',
    OUTBOX_POLL_MS: '100',
    ADMIN_PASSWORD: 'test-admin-password',
    ...o.env,
  });
  const database = await openPlatformDatabase(settings);
  const { app, url } = await startApi({ settings, database, redisUrl, inProcessWorker: o.worker ?? true, port: 0, logger: ['error'] });
  const probe = new QueueProducer(redisUrl, prefix);
  return {
    url,
    app,
    database,
    settings,
    redisUrl,
    prefix,
    call(method, path, body, opts) {
      return api(url, method, path, body, opts?.headers ?? {});
    },
    async drain(timeoutMs = 30000) {
      const end = Date.now() + timeoutMs;
      let quiet = 0;
      while (Date.now() < end) {
        const pending = await new OutboxRepository(database.db).pendingCount(OUTBOX_MAX_ATTEMPTS);
        const counts = await Promise.all(probe.allQueues().map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')));
        const busy = pending + counts.reduce((s, c) => s + Object.values(c).reduce((a, b) => a + b, 0), 0);
        quiet = busy === 0 ? quiet + 1 : 0;
        if (quiet >= 3) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('queues did not drain in time');
    },
    async close() {
      await probe.close();
      await app.close();
    },
  };
}

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

/** fetch + JSON for tests. */
export async function api(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' || body instanceof FormData ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}
