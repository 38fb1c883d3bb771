import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PRODUCER } from '#core';
import type { QueueProducer } from '#queues';
import type { Settings } from '#settings';
import { adminAccess, fail } from './admin-access.js';

const PATH = '/admin/queues';

const READS = new Set(['GET', 'HEAD']);

/**
 * Bull Board for admins (who may open it: admin-access.ts; the browser's basic auth because browsers do not send
 * bearer tokens on navigation). With QUEUE_DASHBOARD_READ_ONLY (the default) every change (retry, remove, pause,
 * add…) is refused with a 405.
 */
export function mountQueueDashboard(app: INestApplication, settings: Settings): void {
  const readOnly = settings.QUEUE_DASHBOARD_READ_ONLY;
  const allowed = (req: Request, res: Response, next: NextFunction) => {
    if (readOnly && !READS.has(req.method)) return fail(res, 'READ_ONLY', '队列看板为只读模式，不能重试、删除、暂停或添加任务（QUEUE_DASHBOARD_READ_ONLY=true）');
    next();
  };
  const adapter = new ExpressAdapter();
  adapter.setBasePath(PATH);
  const producer = app.get<QueueProducer>(PRODUCER);
  createBullBoard({ queues: producer.allQueues().map((q) => new BullMQAdapter(q, { readOnlyMode: readOnly })), serverAdapter: adapter });
  app.use(PATH, adminAccess(app, settings, 'ParkMatch queues', '队列看板'), allowed, adapter.getRouter());
}
