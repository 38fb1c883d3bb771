import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '#auth';
import { PRODUCER } from '#core';
import type { QueueProducer } from '#queues';
import type { Settings } from '#settings';

const PATH = '/admin/queues';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Bull Board for admins. A browser gets HTTP basic auth (user `admin`, password ADMIN_PASSWORD: the
 * dashboard is a page a person opens, and browsers do not send bearer tokens on navigation); scripts may
 * instead send `Authorization: Bearer <token>` of a signed-in admin user. Anyone else: 401/403.
 */
export function mountQueueDashboard(app: INestApplication, settings: Settings): void {
  const password = settings.ADMIN_PASSWORD;
  const auth = app.get(AuthService);
  const guard = (req: Request, res: Response, next: NextFunction) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (bearer)
      return void auth.authenticate(bearer[1]!).then(
        (u) => (u.role === 'admin' ? next() : res.status(403).json({ statusCode: 403, error: 'Forbidden', message: '队列看板仅限系统管理员（admin）' })),
        () => res.status(401).json({ statusCode: 401, error: 'Unauthorized', message: '登录凭证无效或已过期，请重新登录' }),
      );
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
