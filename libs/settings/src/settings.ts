import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

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
  /** Sign-in attempts allowed per minute for one IP address and user name. */
  LOGIN_RATE_PER_MIN: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(10000).default(10),
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
  return { ...s, dataDir: resolve(s.PARKMATCH_DATA_DIR), embeddedDatabase: !s.DATABASE_URL };
}
