import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

function isTrustedProxyEntry(p: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(p)) return true;
  const [addr, bits, ...rest] = p.split('/');
  const family = isIP(addr ?? '');
  if (!family || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`);

/** Every environment variable ParkMatch reads, with its default. Read once, at start. */
const schema = z.object({
  PORT: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1–65535').max(65535, 'must be 1–65535').default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  PARKMATCH_DATA_DIR: z.string().min(1).default('.data'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, : _ - only').default('parkmatch'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { message: 'must be json or pretty' }).default('json'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose'], { message: 'must be error, warn, log, debug or verbose' }).default('log'),
  DEMO_DATA: bool.default(true),
  /** Password of the admin-only queue dashboard (/admin/queues, user `admin`); unset disables it. */
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Creates the demo users (admin, manager, promoter-<board>, operator-<park>; password parkmatch-demo) at start. Production: false. */
  DEMO_USERS: bool.default(true),
  /** Lifetime of a sign-in (session) token, in minutes; API tokens for integrations are separate and long-lived. */
  SESSION_TTL_MINUTES: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(7 * 24 * 60, 'must be at most 10080 (7 days)').default(480),
  /** Failed sign-ins allowed per minute for one user name from one IP address; then that pair waits. */
  LOGIN_RATE_PER_MIN: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(10000).default(10),
  /** Failed sign-ins allowed per minute from one IP address, whatever the user names; then the address waits. */
  LOGIN_IP_RATE_PER_MIN: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(100000).default(20),
  /**
   * Failed sign-ins per minute for one user name from all addresses together, past which only addresses with
   * fewer than 3 failures for that name may still try (a distributed guess slows down; the user's own address does not).
   */
  LOGIN_USER_RATE_PER_MIN: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(100000).default(50),
  /** Failed Basic-auth attempts per minute from one IP address on the queue dashboard /admin/queues. */
  ADMIN_LOGIN_RATE_PER_MIN: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(10000).default(5),
  /** A separate worker process serves its Prometheus metrics on HOST:METRICS_PORT/metrics (basic auth admin / ADMIN_PASSWORD); unset: none. */
  METRICS_PORT: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1–65535').max(65535, 'must be 1–65535').optional(),
  /** The queue dashboard shows queues and jobs but cannot retry, remove, pause or add them. */
  QUEUE_DASHBOARD_READ_ONLY: bool.default(true),
  /**
   * Which proxies' X-Forwarded-For to believe (Express "trust proxy"): unset believes none, so behind a
   * reverse proxy every user would share the proxy's address and its sign-in limit. `loopback`, a hop count
   * or a comma list of addresses/CIDRs (`loopback, 10.0.0.0/8`).
   */
  TRUST_PROXY: z
    .string()
    .transform((v) => v.trim())
    .refine((v) => /^\d{1,2}$/.test(v) || v.split(',').every((p) => isTrustedProxyEntry(p.trim())), 'must be a hop count (1) or a comma list of loopback, linklocal, uniquelocal, IP addresses or CIDRs')
    .transform((v): number | string[] => (/^\d{1,2}$/.test(v) ? Number(v) : v.split(',').map((p) => p.trim())))
    .optional(),
  /** DEMO_USERS on a HOST other than loopback is refused unless this says it is meant (a demo on a LAN). */
  ALLOW_DEMO_USERS_ON_NETWORK: bool.default(false),
  /** Writes (POST/PUT/PATCH/DELETE) allowed per minute for one user (or one IP address when not signed in). */
  WRITE_RATE_PER_MIN: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(100000).default(300),
  /** How long a worker holds a job before others may take it as stalled (BullMQ lockDuration). */
  JOB_LOCK_MS: z.coerce.number({ message: 'must be a number' }).int().min(1000, 'must be at least 1000').max(600000, 'must be at most 600000').default(30000),
  OUTBOX_POLL_MS: z.coerce.number({ message: 'must be a number' }).int().min(50, 'must be at least 50').max(60000, 'must be at most 60000').default(500),
  /** Longest wait for a database connection; past it the caller gets a 503 and the log names what held it. */
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(100, 'must be at least 100').max(600000, 'must be at most 600000').default(10000),
  /** PostgreSQL server: longest statement and longest idle time inside a transaction (statement_timeout). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(100, 'must be at least 100').max(3600000, 'must be at most 3600000').default(30000),
  /** Webhooks may use plain http:// (default: https only). */
  WEBHOOK_ALLOW_HTTP: bool.default(false),
  /** Webhooks may reach loopback, private, link-local and other non-public addresses (tests, on-premise integrations). */
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  /** DNS servers (ip or ip:port, comma-separated) that resolve webhook hosts instead of the system resolver. */
  WEBHOOK_DNS_SERVERS: z
    .string()
    .refine((v) => v.split(',').every((s) => isIP(s.trim()) || /^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(s.trim()) || /^\[[0-9a-fA-F:.]+\]:\d{1,5}$/.test(s.trim())), 'must be ip or ip:port, comma-separated')
    .transform((v) => v.split(',').map((s) => s.trim()))
    .optional(),
  /** Longest a webhook delivery (resolve, connect, answer) may take. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(100, 'must be at least 100').max(60000, 'must be at most 60000').default(5000),
  /** Longest an HTTP request may take before it is answered 503 (uploads are parsed in the background). */
  REQUEST_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(100, 'must be at least 100').max(600000, 'must be at most 600000').default(30000),
  /** SIGTERM/SIGINT: running jobs and imports get this long to finish before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(1000, 'must be at least 1000').max(600000, 'must be at most 600000').default(10000),
  /** Automatic backups of the embedded database kept in <data>/backups (one at each start of the API); 0 turns them off. */
  BACKUP_KEEP: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be at least 0').max(100, 'must be at most 100').default(5),
});

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

export type Settings = z.infer<typeof schema> & {
  /** Absolute data folder (PGlite files live in <dataDir>/pglite). */
  dataDir: string;
  /** PGlite runs in-process, so with no DATABASE_URL the API process also hosts the workers. */
  embeddedDatabase: boolean;
};

export class SettingsError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'SettingsError';
  }
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const s = parsed.data;
  if (s.DEMO_USERS && !isLoopbackHost(s.HOST) && !s.ALLOW_DEMO_USERS_ON_NETWORK)
    throw new SettingsError([
      {
        variable: 'DEMO_USERS',
        message:
          `演示账号共用公开密码，不能在非本机地址 HOST=${s.HOST} 上开放：请设置 DEMO_USERS=false（生产环境），或确为局域网演示时设置 ALLOW_DEMO_USERS_ON_NETWORK=true。` +
          ` / Demo users share a published password and must not listen on HOST=${s.HOST}: set DEMO_USERS=false, or ALLOW_DEMO_USERS_ON_NETWORK=true if a network demo is really meant.`,
      },
    ]);
  return { ...s, dataDir: resolve(s.PARKMATCH_DATA_DIR), embeddedDatabase: !s.DATABASE_URL };
}
