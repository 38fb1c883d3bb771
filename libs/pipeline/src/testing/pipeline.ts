// Test support owned by the library: its medium specs build the pipeline's services here, on a real database and
// the run's real Redis, without HTTP and without workers (a spec calls the service a job would call).
import { randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { loadParkCatalog } from '#catalog';
import { CoreModule, PRODUCER } from '#core';
import type { Viewer } from '#domain';
import { connectDatabase, type DatabaseHandle } from '#persistence';
import type { QueueProducer } from '#queues';
import { loadSettings } from '#settings';
import { forSuite, openTestDatabase, type DatabaseKind } from '../../../persistence/src/testing/databases.js';
import { LeadService } from '../lead.service.js';
import { PipelineModule } from '../pipeline.module.js';

export { DATABASE_KINDS, type DatabaseKind } from '../../../persistence/src/testing/databases.js';

export interface TestPipeline {
  db: DatabaseHandle;
  producer: QueueProducer;
  get<T>(service: Type<T>): T;
  /** Stores a lead as a promoter of `board` submits it (with its score-lead job in the outbox); returns its id. */
  submit(board: string, lead: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** The pipeline's services on a fresh migrated database of `kind` with the park catalog, and a private queue prefix. */
export async function openTestPipeline(kind: DatabaseKind): Promise<TestPipeline> {
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) throw new Error('TEST_REDIS_URL is not set: run the tests through `npm test` or `npm run test:medium`');
  const prefix = 'pmmed' + randomBytes(4).toString('hex');
  const template = process.env.TEST_PGLITE_TEMPLATE;
  let db: DatabaseHandle;
  if (kind === 'pglite' && template) {
    // A copy of the run's migrated database (global setup): migrating a fresh PGlite costs seconds of CPU.
    const dir = join(process.env.TEST_TMP_ROOT ?? tmpdir(), prefix);
    cpSync(template, dir, { recursive: true });
    db = await connectDatabase({ dataDir: dir });
  } else db = await openTestDatabase(kind);
  await db.uow.transaction((r) => r.parks.syncCatalog(loadParkCatalog()));
  const settings = loadSettings({ QUEUE_PREFIX: prefix, LOG_LEVEL: 'error', ADMIN_PASSWORD: 'test-admin-password', DEMO_DATA: 'false' });
  const app: TestingModule = await Test.createTestingModule({ imports: [CoreModule.forRoot({ settings, database: db, redisUrl }), PipelineModule] }).compile();
  app.useLogger(['error']);
  await app.init();
  const leads = app.get(LeadService);
  return {
    db,
    producer: app.get<QueueProducer>(PRODUCER),
    get: (service) => app.get(service),
    async submit(board, lead) {
      return (await leads.create({ originBoard: board, ...lead }, undefined, promoter(board))).id;
    },
    close: () => app.close(),
  };
}

/** The pipeline's services for the tests of one describe block (see forSuite). */
export function pipelineForSuite(kind: DatabaseKind): TestPipeline {
  return forSuite(() => openTestPipeline(kind), (p) => p.close());
}

/** A refusal as the API answers it: a DomainError with its stable code, its HTTP status and a Chinese message. */
export const refused = (code: string, status: number) => expect.objectContaining({ name: 'DomainError', code, status, message: expect.stringMatching(/[\u4e00-\u9fff]/) });

/** A signed-in user as the API would pass it to a service. */
export function promoter(board: string): Viewer {
  return { id: `u-${board}`, username: `${board}-promoter`, name: `${board} 招商专员`, role: 'promoter', boardId: board };
}
export function operator(parkId: string, boardId: string): Viewer {
  return { id: `u-${parkId}`, username: `${parkId}-operator`, name: `${parkId} 运营`, role: 'park_operator', parkId, boardId };
}
export const MANAGER: Viewer = { id: 'u-manager', username: 'manager', name: '市科技局', role: 'manager' };

/** Leads a promotion officer would write: one fits the semiconductor parks, one fits no park at all. */
export const LEADS = {
  sic: (n: number) => ({
    company: `南通${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${'子丑寅卯辰巳午未申酉'[Math.floor(n / 10) % 10]}半导体有限公司`,
    description: `碳化硅功率器件及外延片项目（第${n}期），建设6英寸SiC晶圆产线，年产车规级功率模块100万只。`,
    amount: { value: 20, unit: '亿元' },
    landMu: 150,
    channel: '产业链招商',
    contacts: [{ name: '张经理', phone: '13800000000' }],
  }),
  bakery: () => ({ description: '连锁烘焙食品中央工厂，生产面包、蛋糕等烘焙食品并配送门店，配套冷链物流中心。', amount: { value: 1.5, unit: '亿元' } }),
};
