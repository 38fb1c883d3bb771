import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger, type INestApplication, type LoggerService } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import { exitOnSignals, openPlatformDatabase } from '#core';
import type { Viewer } from '#domain';
import { startPostgres, startRedis } from '#launcher';
import { DatabaseBusyError, type Database, type DatabaseHandle } from '#persistence';
import { ImportService, LeadService, RescoreService } from '#pipeline';
import { bullmqRoundTrips, runningJobs } from '#queues';
import { loadSettings } from '#settings';
import { startPlatform } from '#platform';
import { defaultWorkerProcesses, startWorkerProcesses, type WorkerProcesses } from './worker-processes.js';

/**
 * `npm run --silent load -- --burst N | --rate R --seconds T [--database pglite|postgres]`: starts the platform
 * (PGlite in a fresh temporary folder, or a private PostgreSQL server; DATABASE_URL / REDIS_URL when set),
 * submits leads through the pipeline and prints one JSON line: throughput, p50/p95/p99 of submission → scored
 * and submission → offered (offers stored, or the move to review), lost, doubled effects, and a baseline of the
 * same run: the same rows written as plain multi-row inserts on the same database plus one BullMQ round trip per
 * lead on the same Redis, with the ratio pipeline/baseline. `--leads N` is `--burst N`. `--rescore` then times the
 * rescoring of every open lead; `--import-rows N` instead times one CSV import of N rows from upload to all shared.
 * On PostgreSQL the workers run in `--workers N` worker processes beside this one (default: one per core beyond it).
 */
// Clauses combined per lead so that, as in real intake, few leads read alike: the project texts of tests/eval are
// all under 0.2 trigram similarity to one another, while one fixed sentence frame made unrelated leads of a sector
// 0.3–0.6 alike, which no duplicate key can tell from a repeat report.
const SECTORS = ['碳化硅功率器件', '氢燃料电池电堆', '合成生物发酵', '高端家纺面料', '工业机器人减速器', '储能电芯系统', 'LNG船分段建造', '车规级MCU芯片', '预制菜中央厨房', 'eVTOL飞行器总装', '光学镜片加工', '锂电隔膜涂布'];
const ACTIONS = ['新建生产基地', '扩建产线', '设立研发中心', '建设中试平台', '布局区域总部', '投资智能工厂'];
const EXTRAS = ['配套检测实验室', '引进海外团队', '申报高新技术企业', '与高校共建实验室', '规划二期用地', '带动上下游配套', '建设数字化车间', '采用绿色低碳工艺'];
const CITIES = ['苏州', '上海', '深圳', '杭州', '合肥', '无锡', '北京', '宁波'];
const NAME_CHARS = '安邦宝宸昌辰诚达德东尔方丰峰福富刚高广海瀚浩禾和恒弘鸿华辉汇嘉佳建江杰金锦晶景峻凯康科坤蓝朗力立利联林凌隆龙路迈茂美明铭诺鹏启谦强庆瑞锐森山尚晟盛世硕泰腾天通同拓万威维伟文翔祥欣新信星兴旭轩雅扬耀一亿意益毅银英永宇雨元远跃云泽展兆哲振正之志智中众卓梓';
const PRODUCTS = ['模组', '控制器', '传感器', '成套装备', '关键零部件', '检测设备', '软件平台', '核心材料', '封装测试', '系统集成'];
const MARKETS = ['新能源汽车', '光伏', '医疗', '轨道交通', '消费电子', '船舶', '化工', '数据中心', '航空', '农业'];
type Pick = <T>(a: T[]) => T;
const CLAUSES: ((p: Pick, n: number) => string)[] = [
  (p) => `投资方来自${p(CITIES)}`,
  (p) => `由${p(CITIES)}${p(['某', '一家', '知名', '上市'])}企业发起`,
  (p) => p(ACTIONS),
  (p) => `拟${p(EXTRAS)}`,
  (p) => `下游客户集中在${p(MARKETS)}行业`,
  (_, n) => `总投资约${(n % 40) + 2}亿元`,
  (_, n) => `计划用地${(n % 300) + 30}亩`,
  (_, n) => `达产后年销售收入${(n % 90) + 10}亿元`,
  (_, n) => `预计新增就业${(n % 900) + 100}人`,
  (_, n) => `一期厂房${(n % 8) + 2}万平方米`,
  (p) => `核心团队有${p(['十余年', '二十年', '多年'])}行业经验`,
  (p) => `已与${p(['地方政府', '园区管委会', '产业基金', '龙头企业'])}接洽`,
  (p) => `${p(['明年', '年内', '三年内'])}开工`,
  (p) => `产品出口${p(['东南亚', '欧洲', '中东', '北美'])}`,
  (p) => `关键设备${p(['国产化', '自主研发', '进口'])}`,
  (p) => `需${p(['蒸汽', '双回路供电', '危化品仓储', '污水处理'])}条件`,
];

export function loadDescription(i: number): string {
  let x = (i + 1) * 2654435761;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  const pick: Pick = (a) => a[next() % a.length]!;
  // A project name of random characters, as real names are.
  const name = Array.from({ length: 8 }, () => NAME_CHARS[next() % NAME_CHARS.length]).join('');
  const head = `「${name}」${pick(SECTORS)}${pick(PRODUCTS)}项目`;
  const order = CLAUSES.map((c) => ({ c, k: next() })).sort((a, b) => a.k - b.k);
  return `${head}，${order.slice(0, 3).map(({ c }) => c(pick, next())).join('，')}。`;
}
/** The load runner submits for every board, as the city bureau's integration would. */
const LOAD_RUNNER: Viewer = { id: 'load', username: 'load-runner', name: '负载测试', role: 'admin' };
const BOARDS = ['haian', 'rugao', 'rudong', 'qidong', 'haimen', 'tongzhou', 'chongchuan', 'netda', 'sxt', 'tzwan', 'jiafang', 'cxq'];
/** The tables a lead's way through the pipeline writes to; the baseline writes the same rows again. */
const BASELINE_TABLES = ['leads', 'lead_events', 'rankings', 'offers', 'notifications', 'outbox'] as const;

let stopping = false;
const say = (m: unknown) => void process.stderr.write(`load: ${String(m)}\n`);

function fail(message: string): never {
  process.stderr.write(`load: ${message}\n`);
  process.exit(2);
}

function wholeNumber(v: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${flag} 须为 ${min} 到 ${max} 之间的整数（收到「${v}」）`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      leads: { type: 'string' },
      burst: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      database: { type: 'string' },
      workers: { type: 'string' },
      concurrency: { type: 'string', default: '32' },
      stall: { type: 'string', default: '120' },
      'no-baseline': { type: 'boolean', default: false },
      'import-rows': { type: 'string' },
      rescore: { type: 'boolean', default: false },
    },
  });
  const importRows = wholeNumber(values['import-rows'], '--import-rows', 1, 100_000);
  const burst = wholeNumber(values.burst ?? values.leads, '--burst', 1, 1_000_000);
  const rate = wholeNumber(values.rate, '--rate', 1, 100_000);
  const seconds = wholeNumber(values.seconds, '--seconds', 1, 3600);
  const workersWanted = wholeNumber(values.workers, '--workers', 1, 32);
  if ((rate === undefined) !== (seconds === undefined)) fail('--rate 与 --seconds 须一起给出，例如 --rate 200 --seconds 30');
  if (burst !== undefined && rate !== undefined) fail('--burst 与 --rate 只能选一种');
  const mode = rate !== undefined ? { kind: 'rate' as const, rate, seconds: seconds! } : { kind: 'burst' as const, n: burst ?? 1000 };
  const dbKind = values.database ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite');
  if (dbKind !== 'pglite' && dbKind !== 'postgres') fail(`--database 只能是 pglite 或 postgres（收到「${dbKind}」）`);
  if (dbKind === 'pglite' && process.env.DATABASE_URL) fail('--database pglite 与 DATABASE_URL 冲突：去掉其一');
  if (dbKind === 'pglite' && workersWanted !== undefined) fail('--workers 只用于 --database postgres：PGlite 由一个进程独占，工作者在负载进程内运行');

  Logger.overrideLogger(['error']);
  const tmp = mkdtempSync(join(tmpdir(), 'parkmatch-load-'));
  // Also on exit: a Ctrl-C during start-up cleans up before a server starting then has made its folder in it.
  process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
  let app: INestApplication | undefined;
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let workers: WorkerProcesses | undefined;
  let cleaning: Promise<void> | undefined;
  // In order: worker processes (they finish their batches), the API side and its pool, then the servers this run started.
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await workers?.stop();
      await app?.close();
      await redis?.stop();
      await postgres?.stop();
      rmSync(tmp, { recursive: true, force: true });
    })());
  let work: Promise<unknown> | undefined;
  // Ctrl-C: no new submissions (the running ones finish), then everything stops in order and the run exits 130.
  exitOnSignals({
    timeoutMs: 30_000,
    log: { log: say, warn: say, error: say } satisfies LoggerService,
    signalExitCode: true,
    async stop(stage) {
      stopping = true;
      stage('等待进行中的提交结束');
      await work?.catch(() => undefined);
      stage('停止工作进程、平台、私有 redis-server 与 PostgreSQL');
      await cleanUp();
    },
    running: () => [...runningJobs().map((j) => `任务 ${j}`), ...(workers ? [`工作进程 ${workers.pids.join('、')}`] : [])],
  });
  if (dbKind === 'postgres' && !process.env.DATABASE_URL) {
    chmodSync(tmp, 0o711); // as root the server runs as user postgres, which must reach its folder inside
    postgres = await startPostgres({ dir: join(tmp, 'postgres'), ownProcessGroup: true });
  }
  const databaseUrl = process.env.DATABASE_URL ?? postgres?.url;
  const env = {
    ...process.env,
    PARKMATCH_DATA_DIR: tmp,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    DEMO_DATA: 'false', DEMO_USERS: 'false', LOG_LEVEL: 'error', OUTBOX_POLL_MS: '100',
  };
  const settings = loadSettings(env);
  redis = settings.REDIS_URL ? undefined : await startRedis({ dir: join(tmp, 'redis'), ownProcessGroup: true });
  const redisUrl = settings.REDIS_URL ?? redis!.url;
  const database = await openPlatformDatabase(settings);
  // As the API decides (apps/api main.ts): it hosts the workers only with the embedded database; on a server they run apart.
  app = (await startPlatform({ settings, database, redisUrl, logger: ['error'], workers: settings.embeddedDatabase })).app;
  if (!settings.embeddedDatabase && !stopping) {
    workers = startWorkerProcesses(workersWanted ?? defaultWorkerProcesses(), { ...env, REDIS_URL: redisUrl, QUEUE_PREFIX: settings.QUEUE_PREFIX, NODE_OPTIONS: '', METRICS_PORT: '', SHUTDOWN_TIMEOUT_MS: '10000' }, say);
    await workers.ready(database.db);
  }
  if (stopping) return;
  say(`开始：数据库 ${database.kind}，${workers ? `工作进程 ${workers.pids.length} 个（pid ${workers.pids.join('、')}）` : '工作者在本进程内'}`);
  const measured = (work = importRows !== undefined ? timeImport(app, tmp, importRows) : measureRun(app, database, redisUrl, settings.QUEUE_PREFIX, mode, values));
  const figures = await measured;
  // A run cut short prints nothing, except an import: how far it got (progress, the lead list's latency so far).
  if (figures && (!stopping || importRows !== undefined))
    process.stdout.write(JSON.stringify({ ...figures, database: database.kind, worker_processes: workers?.pids.length ?? 0, ...(stopping ? { interrupted: true } : {}) }) + '\n');
  if (stopping) return; // the signal's stop closes everything and exits
  await cleanUp();
  process.exit(0); // BullMQ's closed connections can keep the event loop alive for a while
}

/** `--burst N` / `--rate R --seconds T`: submits, waits for the pipeline, then counts and times what it did. */
async function measureRun(
  app: INestApplication,
  database: DatabaseHandle,
  redisUrl: string,
  prefix: string,
  mode: { kind: 'rate'; rate: number; seconds: number } | { kind: 'burst'; n: number },
  values: { concurrency: string; stall: string; rescore: boolean; 'no-baseline': boolean },
) {
  const leads = app.get(LeadService);
  const outboxBefore = (await sql<{ id: string | null }>`select max(id)::text as id from outbox`.execute(database.db)).rows[0]!.id ?? '0';
  const ids: string[] = [];
  let failedSubmissions = 0;
  const submit = async (i: number) => {
    const board = BOARDS[i % BOARDS.length]!;
    try {
      const created = await leads.create({ description: loadDescription(i), amount: { value: 1 + (i % 20), unit: '亿元' }, originBoard: board, submitter: `${board}-load` }, undefined, LOAD_RUNNER);
      ids.push(created.id);
    } catch (e) {
      if (failedSubmissions++ === 0) say(`submission failed: ${(e as Error).message}`);
    }
  };
  const t0 = Date.now();
  let submitted = 0;
  if (mode.kind === 'burst') {
    await Promise.all(Array.from({ length: Math.min(Number(values.concurrency), mode.n) }, async () => {
      // Each unit of work on PGlite lets the event loop turn first (UnitOfWork.track): workers and Ctrl-C get in.
      while (submitted < mode.n && !stopping) await submit(submitted++);
    }));
  } else {
    // Open loop: leads go in at the offered rate whatever the pipeline does (as submitters would), at most
    // 4 × rate in flight so a stalled platform shows as lag, not as an out-of-memory crash.
    const total = mode.rate * mode.seconds;
    const inFlight = new Set<Promise<void>>();
    while (submitted < total && !stopping) {
      const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * mode.rate));
      while (submitted < due && inFlight.size < 4 * mode.rate) {
        const p: Promise<void> = submit(submitted++).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(inFlight);
  }
  if (stopping) return undefined;
  const submitSeconds = (Date.now() - t0) / 1000;
  const n = submitted;

  // Waits while the pipeline makes progress; a lead still unscored after `--stall` seconds without any
  // progress counts as lost (a lead whose work vanished would wait forever otherwise).
  const stallMs = Number(values.stall) * 1000;
  const mine = sql<boolean>`id = any(${ids})`;
  const pendingCount = async () =>
    (await database.db.selectFrom('leads').select(sql<number>`count(*)::int`.as('n')).where(mine).where('status', '=', 'new').executeTakeFirstOrThrow()).n;
  let last = Number.POSITIVE_INFINITY;
  let lastChange = Date.now();
  for (let pending = await pendingCount(); pending > 0 && Date.now() - lastChange < stallMs && !stopping; pending = await pendingCount()) {
    if (pending < last) [last, lastChange] = [pending, Date.now()];
    await new Promise((r) => setTimeout(r, 100));
  }
  if (stopping) return undefined;
  const wallSeconds = (Date.now() - t0) / 1000;
  const figures = await pipelineFigures(database.db, ids);
  const lost = figures.unscored + (n - ids.length);
  const doubled = await doubledEffects(database.db, ids);
  const api = await apiLatency(app, ids.length);

  const rescore = values.rescore ? await timeRescore(app) : undefined;
  if (stopping) return undefined;
  const baseline = values['no-baseline'] ? undefined : await measureBaseline(database, redisUrl, prefix, ids, outboxBefore);
  const leadsPerS = round1(figures.seconds > 0 ? ids.length / figures.seconds : 0);
  return {
    mode: mode.kind,
    ...(mode.kind === 'rate' ? { offered_rate: mode.rate, seconds: mode.seconds } : {}),
    leads: n,
    leads_per_s: leadsPerS,
    submit_per_s: round1(ids.length / submitSeconds),
    wall_s: round1(wallSeconds),
    scored_ms: figures.scored,
    offered_ms: figures.offered,
    lost,
    failed_submissions: failedSubmissions,
    doubled,
    api_list_ms: api,
    ...(rescore ? { rescore } : {}),
    ...(baseline ? { baseline: baseline.figures, ratio: round3(leadsPerS / baseline.figures.leads_per_s) } : {}),
  };
}

/**
 * `--import-rows N`: one CSV of N leads uploaded as a board would, timed from upload to every good lead scored and
 * shared (the batch's own `done`), with the progress it reported every second (stored / scored / shared).
 */
async function timeImport(app: INestApplication, tmp: string, rows: number) {
  const file = join(tmp, 'load.csv');
  writeFileSync(file, '\ufeff项目描述,投资额,投资额单位\n' + Array.from({ length: rows }, (_, i) => `${loadDescription(i)},${1 + (i % 20)},亿元`).join('\n') + '\n');
  const imports = app.get(ImportService);
  const t0 = Date.now();
  const { id } = await imports.start({ path: file, originalname: 'load.csv', size: statSync(file).size }, { originBoard: 'haian', submitter: 'haian-load' });
  const progress: { s: number; stored: number; scored: number; shared: number }[] = [];
  let status = await imports.status(id, LOAD_RUNNER);
  let stored = 0;
  const during = listWhile(app, () => ['done', 'failed', 'cancelled'].includes(status.status) || stopping);
  let statusRefused = 0;
  while (status.status !== 'done' && status.status !== 'failed' && status.status !== 'cancelled' && !stopping) {
    await new Promise((r) => setTimeout(r, 1000));
    // A status read refused as busy (the import page would show its error and ask again) is counted, not fatal.
    try {
      status = await imports.status(id, LOAD_RUNNER);
    } catch (e) {
      if (!(e instanceof DatabaseBusyError)) throw e;
      statusRefused++;
      continue;
    }
    if (status.stored > 0 && !stored) stored = Date.now();
    progress.push({ s: round1((Date.now() - t0) / 1000), stored: status.stored, scored: status.scored, shared: status.shared });
  }
  const seconds = (Date.now() - t0) / 1000;
  return { mode: 'import', rows, status: status.status, rows_ok: status.rowsOk, rows_failed: status.rowsFailed, seconds: round1(seconds), leads_per_s: round1(status.shared / seconds), api_list_during_ms: await during, status_reads_refused: statusRefused, progress: progress.filter((_, i) => i % Math.max(1, Math.ceil(progress.length / 12)) === 0) };
}

/**
 * A manager's lead list read every 250 ms while the import runs (GET /api/leads' service call, so the figure is what
 * the import leaves of the database to the API): percentiles, the number of reads, and how many were refused as busy.
 */
async function listWhile(app: INestApplication, over: () => boolean) {
  const leads = app.get(LeadService);
  const ms: number[] = [];
  let refused = 0;
  while (!over()) {
    try {
      ms.push(await timedList(leads));
    } catch (e) {
      if (!(e instanceof DatabaseBusyError)) throw e;
      refused++;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { ...percentiles(ms), reads: ms.length, refused };
}

/** `--rescore`: after the run, a park revision's rescoring of every open lead, timed to the run's own `done`. */
async function timeRescore(app: INestApplication) {
  const rescores = app.get(RescoreService);
  const t0 = Date.now();
  const { runId } = await rescores.start('负载测试：重算全部在途线索');
  let s = await rescores.status(runId);
  while (s.status !== 'done' && !stopping) {
    await new Promise((r) => setTimeout(r, 250));
    s = await rescores.status(runId);
  }
  const seconds = (Date.now() - t0) / 1000;
  return { open_leads: s.total, rescored: s.rescored, seconds: round1(seconds), leads_per_s: round1(s.rescored / seconds) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]!) : null);
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

/**
 * From the database's own clocks: submission is the lead's commit (created_at), scored is its round-0 ranking,
 * offered is the event that ended its sharing (offers out, review, or held as a duplicate). Throughput is
 * leads over first submission → last offered.
 */
async function pipelineFigures(db: Kysely<Database>, ids: string[]) {
  const rows = (await sql<{ scored: number | null; offered: number | null; created: number; offered_at: number | null }>`
    select extract(epoch from l.created_at) * 1000 as created,
      extract(epoch from (r.created_at - l.created_at)) * 1000 as scored,
      extract(epoch from (e.at - l.created_at)) * 1000 as offered,
      extract(epoch from e.at) * 1000 as offered_at
    from leads l
    left join rankings r on r.lead_id = l.id and r.scoring_round = 0
    left join lateral (select min(at) as at from lead_events e where e.lead_id = l.id and e.kind in ('shared', 'sent-to-review', 'duplicate-held')) e on true
    where l.id = any(${ids})`.execute(db)).rows;
  const scored = rows.filter((r) => r.scored !== null).map((r) => Number(r.scored));
  const offered = rows.filter((r) => r.offered !== null).map((r) => Number(r.offered));
  const first = Math.min(...rows.map((r) => Number(r.created)));
  const lastOffered = Math.max(...rows.filter((r) => r.offered_at !== null).map((r) => Number(r.offered_at)));
  return { scored: percentiles(scored), offered: percentiles(offered), unscored: rows.length - scored.length, seconds: rows.length && Number.isFinite(lastOffered) ? (lastOffered - first) / 1000 : 0 };
}

/** Effects counted by business key: any count above one is a doubled offer, notice, ranking or sharing record. */
async function doubledEffects(db: Kysely<Database>, ids: string[]) {
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(db)).rows[0]!.n;
  return {
    rankings: await count(sql<{ n: number }>`select count(*)::int as n from (select 1 from rankings where lead_id = any(${ids}) group by lead_id, scoring_round having count(*) > 1) d`),
    offers: await count(sql<{ n: number }>`select count(*)::int as n from (select 1 from offers where lead_id = any(${ids}) group by lead_id, park_id, ranking_id having count(*) > 1) d`),
    notices: await count(sql<{ n: number }>`select count(*)::int as n from (select 1 from notifications where lead_id = any(${ids}) group by recipient_kind, recipient_id, kind, lead_id, offer_id having count(*) > 1) d`),
    sharing_records: await count(sql<{ n: number }>`select count(*)::int as n from (select 1 from sharing_records where lead_id = any(${ids}) group by lead_id, receiving_park_id, version having count(*) > 1) d`),
  };
}

/** What a manager's lead list costs right after the run (20 reads of GET /api/leads' service call). */
async function apiLatency(app: INestApplication, n: number) {
  if (!n) return null;
  const leads = app.get(LeadService);
  const ms: number[] = [];
  for (let i = 0; i < 20; i++) ms.push(await timedList(leads));
  return percentiles(ms);
}

/** One manager's first page of the lead list, in milliseconds. */
async function timedList(leads: LeadService): Promise<number> {
  const t = performance.now();
  await leads.list({}, { limit: 20, offset: 0 }, LOAD_RUNNER);
  return performance.now() - t;
}

/**
 * The raw cost of the same work: the rows this run stored (leads, events, rankings, offers, notices, outbox) written
 * again as multi-row inserts of 500 into copies of the tables (same indexes) on the same database, then one BullMQ
 * round trip per lead (addBulk, a worker that does nothing, completion) on the same Redis.
 */
async function measureBaseline(database: DatabaseHandle, redisUrl: string, prefix: string, ids: string[], outboxBefore: string) {
  const db = database.db;
  const schema = `load_baseline_${process.pid}`;
  await sql`create schema ${sql.id(schema)}`.execute(db);
  try {
    const data: Record<string, Record<string, unknown>[]> = {};
    const arrays = new Set((await sql<{ c: string }>`select table_name || '.' || column_name as c from information_schema.columns where table_schema = 'public' and data_type = 'ARRAY'`.execute(db)).rows.map((r) => r.c));
    for (const t of BASELINE_TABLES) {
      await sql`create table ${sql.id(schema, t)} (like ${sql.id('public', t)} including defaults including indexes)`.execute(db);
      const where = t === 'leads' ? sql`id = any(${ids})` : t === 'outbox' ? sql`id > ${outboxBefore}::bigint` : t === 'notifications' ? sql`lead_id = any(${ids})` : sql`lead_id = any(${ids})`;
      data[t] = (await sql<Record<string, unknown>>`select * from ${sql.id('public', t)} where ${where}`.execute(db)).rows;
    }
    const t0 = performance.now();
    let rows = 0;
    for (const t of BASELINE_TABLES)
      for (let i = 0; i < data[t]!.length; i += 500) {
        const chunk = data[t]!.slice(i, i + 500).map((row) => asInsertable(t, row, arrays));
        rows += chunk.length;
        await db.withSchema(schema).insertInto(t as never).values(chunk as never).execute();
      }
    const insertS = (performance.now() - t0) / 1000;
    const queueS = await bullmqRoundTrips(redisUrl, `${prefix}-baseline`, ids.length);
    const seconds = insertS + queueS;
    return { figures: { leads_per_s: round1(ids.length / seconds), rows, insert_s: round3(insertS), queue_s: round3(queueS) } };
  } finally {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
  }
}

/** JSON columns go back as JSON text (node-postgres would send a JS array as a PostgreSQL array); array columns stay arrays. */
function asInsertable(table: string, row: Record<string, unknown>, arrays: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v !== null && typeof v === 'object' && !(v instanceof Date) && !arrays.has(`${table}.${k}`) ? JSON.stringify(v) : v]));
}

function crashed(e: unknown): void {
  if (stopping) return; // a signal's shutdown is closing what this run was using; it exits itself
  process.stderr.write(`load failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
}
// A read still in flight when Ctrl-C closes its pool rejects where nobody awaits it any more.
process.on('unhandledRejection', crashed);
main().catch(crashed);
