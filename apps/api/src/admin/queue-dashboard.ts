import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PRODUCER } from '#core';
import type { QueueProducer } from '#queues';
import type { Settings } from '#settings';

const PATH = '/admin/queues';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Bull Board for admins, behind HTTP basic auth (user `admin`, password ADMIN_PASSWORD). */
export function mountQueueDashboard(app: INestApplication, settings: Settings): void {
  const password = settings.ADMIN_PASSWORD;
  const guard = (req: Request, res: Response, next: NextFunction) => {
    if (!password) return res.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: '队列看板未启用：请设置 ADMIN_PASSWORD 后重启' });
    const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
    const [user, pass] = Buffer.from(encoded ?? '', 'base64').toString().split(':');
    if (scheme === 'Basic' && user === 'admin' && pass !== undefined && same(pass, password)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="ParkMatch queues"');
    return res.status(401).json({ statusCode: 401, error: 'Unauthorized', message: '需要管理员账号（admin）与 ADMIN_PASSWORD' });
  };
  const adapter = new ExpressAdapter();
  adapter.setBasePath(PATH);
  const producer = app.get<QueueProducer>(PRODUCER);
  createBullBoard({ queues: producer.allQueues().map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter: adapter });
  app.use(PATH, guard, adapter.getRouter());
}
