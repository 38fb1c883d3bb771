import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger, type INestApplication, type LoggerService } from '@nestjs/common';
import { sql } from 'kysely';
import { exitOnSignals, openPlatformDatabase } from '#core';
import type { Viewer } from '#domain';
import { startRedis } from '#launcher';
import { LeadService } from '#pipeline';
import { runningJobs } from '#queues';
import { loadSettings } from '#settings';
import { startPlatform } from '#platform';

/**
 * `npm run --silent load -- --leads N`: starts the platform (embedded PGlite in a fresh temporary
 * folder, or DATABASE_URL / REDIS_URL when set), submits N leads through the pipeline and prints one
 * JSON line: {"leads","leads_per_s","p50_ms","p99_ms","lost"}. Latency runs from submission (the lead's
 * commit) to its offers stored (or its move to review); lost counts leads never scored (still unscored
 * after --stall seconds, default 120, without progress).
 */
// Fragments combined per lead so that, as in real intake, few leads read alike (no mass duplicate links).
const SECTORS = ['碳化硅功率器件', '氢燃料电池电堆', '合成生物发酵', '高端家纺面料', '工业机器人减速器', '储能电芯系统', 'LNG船分段建造', '车规级MCU芯片', '预制菜中央厨房', 'eVTOL飞行器总装', '光学镜片加工', '锂电隔膜涂布'];
const ACTIONS = ['新建生产基地', '扩建产线', '设立研发中心', '建设中试平台', '布局区域总部', '投资智能工厂'];
const EXTRAS = ['配套检测实验室', '引进海外团队', '申报高新技术企业', '与高校共建实验室', '规划二期用地', '带动上下游配套', '建设数字化车间', '采用绿色低碳工艺'];
const CITIES = ['苏州', '上海', '深圳', '杭州', '合肥', '无锡', '北京', '宁波'];
const NAME_CHARS = '安邦宝宸昌辰诚达德东尔方丰峰福富刚高广海瀚浩禾和恒弘鸿华辉汇嘉佳建江杰金锦晶景峻凯康科坤蓝朗力立利联林凌隆龙路迈茂美明铭诺鹏启谦强庆瑞锐森山尚晟盛世硕泰腾天通同拓万威维伟文翔祥欣新信星兴旭轩雅扬耀一亿意益毅银英永宇雨元远跃云泽展兆哲振正之志智中众卓梓';
const PRODUCTS = ['模组', '控制器', '传感器', '成套装备', '关键零部件', '检测设备', '软件平台', '核心材料', '封装测试', '系统集成'];
const MARKETS = ['新能源汽车', '光伏', '医疗', '轨道交通', '消费电子', '船舶', '化工', '数据中心', '航空', '农业'];
function description(i: number): string {
  let x = (i + 1) * 2654435761;
  const pick = <T>(a: T[]): T => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return a[x % a.length]!;
  };
  // A project name of random characters, as real names are: unrelated leads should not read alike.
  const name = Array.from({ length: 8 }, () => NAME_CHARS[(x = (x * 1103515245 + 12345) % 2147483648) % NAME_CHARS.length]).join('');
  return `「${name}」项目：${pick(CITIES)}${pick(['某', '一家', '知名', '上市'])}企业拟${pick(ACTIONS)}，主营${pick(SECTORS)}${pick(PRODUCTS)}，面向${pick(MARKETS)}市场，年产能${(i % 97) + 3}万套，${pick(EXTRAS)}。`;
}
/** The load runner submits for every board, as the city bureau's integration would. */
const LOAD_RUNNER: Viewer = { id: 'load', username: 'load-runner', name: '负载测试', role: 'admin' };
const BOARDS = ['haian', 'rugao', 'rudong', 'qidong', 'haimen', 'tongzhou', 'chongchuan', 'netda', 'sxt', 'tzwan', 'jiafang', 'cxq'];

let stopping = false;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { leads: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '32' }, stall: { type: 'string', default: '120' } } });
  const n = Number(values.leads);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error('--leads must be a whole number from 1 to 1,000,000');
  Logger.overrideLogger(['error']);
  const tmp = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'parkmatch-load-'));
  const settings = loadSettings({ ...process.env, ...(tmp ? { PARKMATCH_DATA_DIR: tmp } : {}), DEMO_DATA: 'false', DEMO_USERS: 'false', LOG_LEVEL: 'error', OUTBOX_POLL_MS: '100' });
  // Ctrl-C: no new submissions; the platform stops within SHUTDOWN_TIMEOUT_MS and the temporary folder goes.
  let app: INestApplication | undefined;
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  const say = (m: unknown) => void process.stderr.write(`load: ${String(m)}\n`);
  exitOnSignals({
    timeoutMs: settings.SHUTDOWN_TIMEOUT_MS,
    log: { log: say, warn: say, error: say } satisfies LoggerService,
    async stop(stage) {
      stopping = true;
      stage('停止平台（进行中的任务、数据库、队列连接）');
      await app?.close();
      stage('停止私有 redis-server');
      await redis?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
    running: () => runningJobs().map((j) => `任务 ${j}`),
  });
  redis = settings.REDIS_URL ? undefined : await startRedis({ dir: join(tmp ?? tmpdir(), 'redis') });
  const redisUrl = settings.REDIS_URL ?? redis!.url;
  const database = await openPlatformDatabase(settings);
  app = (await startPlatform({ settings, database, redisUrl, logger: ['error'] })).app;
  const leads = app.get(LeadService);
  const t0 = Date.now();
  let next = 0;
  const ids: string[] = [];
  await Promise.all(
    Array.from({ length: Math.min(Number(values.concurrency), n) }, async () => {
      while (next < n && !stopping) {
        const i = next++;
        const board = BOARDS[i % BOARDS.length]!;
        const created = await leads.create({
          description: description(i),
          amount: { value: 1 + (i % 20), unit: '亿元' },
          originBoard: board,
          submitter: `${board}-load`,
        }, undefined, LOAD_RUNNER);
        ids.push(created.id);
      }
    }),
  );
  // Waits while the pipeline makes progress; a lead still unscored after `--stall` seconds without
  // any progress counts as lost (a lead whose work vanished would wait forever otherwise).
  const stallMs = Number(values.stall) * 1000;
  // Only this run's leads count (DATABASE_URL may point at a database with other leads).
  const mine = sql<boolean>`id = any(${ids})`;
  const pendingCount = async () =>
    (await database.db.selectFrom('leads').select(sql<number>`count(*)::int`.as('n')).where(mine).where('status', '=', 'new').executeTakeFirstOrThrow()).n;
  let last = Number.POSITIVE_INFINITY;
  let lastChange = Date.now();
  for (let pending = await pendingCount(); pending > 0 && Date.now() - lastChange < stallMs && !stopping; pending = await pendingCount()) {
    if (pending < last) [last, lastChange] = [pending, Date.now()];
    await new Promise((r) => setTimeout(r, 200));
  }
  const elapsed = (Date.now() - t0) / 1000;
  const rows = await sql<{ ms: number }>`
    select extract(epoch from (l.updated_at - l.created_at)) * 1000 as ms
    from leads l where l.id = any(${ids}) and l.status <> 'new' order by 1`.execute(database.db);
  const lat = rows.rows.map((r) => Number(r.ms));
  const q = (p: number) => (lat.length ? Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!) : null);
  const lost = (await database.db.selectFrom('leads').select(sql<number>`count(*)::int`.as('n')).where(mine).where('current_ranking_id', 'is', null).executeTakeFirstOrThrow()).n + (n - ids.length);
  process.stdout.write(JSON.stringify({ leads: n, leads_per_s: Math.round((n / elapsed) * 10) / 10, p50_ms: q(0.5), p99_ms: q(0.99), lost, database: database.kind }) + '\n');
  await app.close();
  await redis?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  process.exit(0); // BullMQ's closed connections can keep the event loop alive for a while
}

main().catch((e: Error) => {
  if (stopping) return; // a signal's shutdown is closing what this run was using; it exits itself
  process.stderr.write(`load failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
