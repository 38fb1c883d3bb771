import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { startApi } from '../../apps/api/src/bootstrap.js';
import { RESPONSES, routeOf } from '#contract';
import { openPlatformDatabase } from '#core';
import { OutboxRepository, pgliteDir, type DatabaseHandle } from '#persistence';
import { OUTBOX_MAX_ATTEMPTS } from '#pipeline';
import { QueueProducer } from '#queues';
import { loadSettings, type Settings } from '#settings';
import { z } from 'zod';
import { createServerDatabase, forSuite, type DatabaseKind } from './databases.js';
import { startDnsStub, type DnsStub } from './dns-stub.js';

export interface TestPlatform {
  url: string;
  app: INestApplication;
  database: DatabaseHandle;
  settings: Settings;
  redisUrl: string;
  prefix: string;
  /** The DNS server webhook host names resolve through (a stub on loopback: tests send no DNS query off the machine). */
  dns: DnsStub;
  /**
   * An API call as a given demo user: 'admin', 'manager', 'promoter:<boardId>', 'operator:<parkId>'
   * (signed in once per platform, token cached); with no `as`, anonymous.
   */
  call(method: string, path: string, body?: unknown, opts?: { as?: string; headers?: Record<string, string> }): Promise<ApiResponse>;
  /** A plain fetch (downloads: CSV, XLSX) as a demo user, recorded like `call`. */
  fetch(path: string, opts?: { as?: string; method?: string }): Promise<Response>;
  /** The bearer token of a demo user (see `call`), signing in on first use. */
  tokenFor(as: string): Promise<string>;
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
  const dns = await startDnsStub();
  const settings = loadSettings({
    ...(dbUrl ? { DATABASE_URL: dbUrl } : { PARKMATCH_DATA_DIR: `${process.env.TEST_TMP_ROOT ?? '/tmp'}/${prefix}` }),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'error',
    OUTBOX_POLL_MS: '100',
    ADMIN_PASSWORD: 'test-admin-password',
    DEMO_DATA: 'false',
    WEBHOOK_DNS_SERVERS: dns.server,
    ...o.env,
  });
  const template = process.env.TEST_PGLITE_TEMPLATE;
  if (!dbUrl && template && !existsSync(pgliteDir(settings.dataDir))) cpSync(template, pgliteDir(settings.dataDir), { recursive: true });
  const database = await openPlatformDatabase(settings);
  const { app, url } = await startApi({ settings, database, redisUrl, inProcessWorker: o.worker ?? true, port: 0, logger: ['error'] });
  platformKinds.set(url, kind);
  await keepOpenApiDocument(url);
  await learnRoutes(url);
  let probe = new QueueProducer(redisUrl, prefix);
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (as: string): Promise<string> => {
    let t = tokens.get(as);
    if (!t) {
      t = signIn(url, demoUsername(as));
      t.catch(() => tokens.delete(as));
      tokens.set(as, t);
    }
    return t;
  };
  return {
    url,
    app,
    database,
    settings,
    redisUrl,
    prefix,
    dns,
    tokenFor,
    async call(method, path, body, opts) {
      const auth: Record<string, string> = opts?.as ? { authorization: `Bearer ${await tokenFor(opts.as)}` } : {};
      return api(url, method, path, body, { ...auth, ...(opts?.headers ?? {}) });
    },
    async fetch(path, opts) {
      const method = opts?.method ?? 'GET';
      const res = await fetch(url + path, { method, headers: opts?.as ? { authorization: `Bearer ${await tokenFor(opts.as)}` } : {} });
      recordCall(url, method, path, res.status);
      return res;
    },
    async drain(timeoutMs = 30000) {
      const end = Date.now() + timeoutMs;
      let quiet = 0;
      let state = '';
      let failures = 0;
      while (Date.now() < end) {
        const pending = await new OutboxRepository(database.db).pendingCount(OUTBOX_MAX_ATTEMPTS);
        // While Redis comes back the probe's commands may fail: count that as still busy, and after a
        // few seconds of failures open a fresh probe (seen once: a probe whose connection never recovered).
        const counts = await Promise.all(probe.allQueues().map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children'))).catch(() => [{ unreachable: 1 }]);
        failures = 'unreachable' in counts[0]! ? failures + 1 : 0;
        if (failures === 30) {
          void probe.close();
          probe = new QueueProducer(redisUrl, prefix);
          failures = 0;
        }
        const busy = pending + counts.reduce((s, c) => s + Object.values(c).reduce((a, b) => a + b, 0), 0);
        state = `outbox pending ${pending}, queues ${JSON.stringify(counts)}`;
        quiet = busy === 0 ? quiet + 1 : 0;
        if (quiet >= 3) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`queues did not drain in time: ${state}`);
    },
    async close() {
      await probe.close();
      await app.close();
      await dns.close();
    },
  };
}

/** The platform of one describe block, started before its tests and closed after them (see forSuite). */
export function platformForSuite(o: StartOptions = {}, startTimeoutMs?: number): TestPlatform {
  return forSuite(() => startTestPlatform(o), (p) => p.close(), startTimeoutMs);
}

/** The demo user behind an `as` name: 'admin', 'manager', 'promoter:<boardId>', 'operator:<parkId>'. */
export function demoUsername(as: string): string {
  if (as === 'admin' || as === 'manager') return as;
  const m = /^(promoter|operator):([a-z0-9-]+)$/.exec(as);
  if (!m) throw new Error(`unknown test identity "${as}": use admin, manager, promoter:<boardId> or operator:<parkId>`);
  return `${m[1]}-${m[2]}`;
}

export const DEMO_PASSWORD = 'parkmatch-demo';

/** Signs in with a password; returns the session token or throws with the API's message. */
export async function signIn(base: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await api(base, 'POST', '/api/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`sign-in as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

/** Which database each running test platform uses, by base URL (for the record of calls). */
const platformKinds = new Map<string, DatabaseKind>();

/**
 * The record the route-coverage check (tests/support/route-coverage.mjs, run by `npm test`) reads: every
 * API call of this test process, one JSON line each, and the OpenAPI document of the platform.
 */
function callRecord(): string | undefined {
  const root = process.env.TEST_TMP_ROOT;
  if (!root) return undefined;
  mkdirSync(join(root, 'route-calls'), { recursive: true });
  return join(root, 'route-calls', `${process.pid}.jsonl`);
}

function recordCall(base: string, method: string, path: string, status: number): void {
  const record = callRecord();
  const db = platformKinds.get(base);
  if (record && db) appendFileSync(record, JSON.stringify({ method: method.toUpperCase(), path: path.split('?')[0], status, db }) + '\n');
}

async function keepOpenApiDocument(base: string): Promise<void> {
  const root = process.env.TEST_TMP_ROOT;
  if (!root || existsSync(join(root, 'openapi.json'))) return;
  const doc = await fetch(base + '/docs-json');
  if (!doc.ok) return;
  writeFileSync(join(root, `openapi.json.${process.pid}`), await doc.text());
  renameSync(join(root, `openapi.json.${process.pid}`), join(root, 'openapi.json')); // workers may race: same text
}

/** A multipart body with one file (the field `file`), as an upload form sends it. */
export function fileForm(data: Buffer | string, name: string, type?: string): FormData {
  const form = new FormData();
  form.set('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)], type ? { type } : {}), name);
  return form;
}

/** fetch + JSON for tests. */
export async function api(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' || body instanceof FormData ? body : JSON.stringify(body),
  });
  recordCall(base, method, path, res.status);
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  if (res.ok && res.headers.get('content-type')?.includes('json')) checkContract(base, method, path, json);
  return { status: res.status, body: json, headers: res.headers };
}

/** The OpenAPI document's paths of each running test platform, by base URL (to find a call's route). */
const documentPaths = new Map<string, Record<string, object>>();

async function learnRoutes(base: string): Promise<void> {
  const doc = await fetch(base + '/docs-json');
  if (!doc.ok) throw new Error(`GET /docs-json answered ${doc.status}: the response contract cannot be checked`);
  documentPaths.set(base, ((await doc.json()) as { paths: Record<string, object> }).paths);
}

/** Every 2xx JSON answer of a route in libs/contract's RESPONSES must match its schema (strict: no undocumented field). */
function checkContract(base: string, method: string, path: string, body: unknown): void {
  const paths = documentPaths.get(base);
  const route = paths && routeOf(paths, method, path);
  const schema = route && (RESPONSES as Record<string, z.ZodType>)[route];
  if (!schema) return;
  const r = schema.safeParse(body);
  if (!r.success) throw new Error(`${method} ${path}: the answer does not match libs/contract RESPONSES['${route}']:\n${z.prettifyError(r.error)}`);
}
