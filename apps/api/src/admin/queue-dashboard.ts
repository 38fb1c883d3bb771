import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuthService, RateLimits, waitSeconds } from '#auth';
import { ERROR_CODES, errorBody, type ErrorCode } from '#errors';
import { PRODUCER } from '#core';
import type { QueueProducer } from '#queues';
import type { Settings } from '#settings';

const PATH = '/admin/queues';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const READS = new Set(['GET', 'HEAD']);

/**
 * Bull Board for admins. A browser gets HTTP basic auth (user `admin`, password ADMIN_PASSWORD: the
 * dashboard is a page a person opens, and browsers do not send bearer tokens on navigation); scripts may
 * instead send `Authorization: Bearer <token>` of a signed-in admin user. Anyone else: 401/403.
 * Failed attempts from one address are limited (ADMIN_LOGIN_RATE_PER_MIN, then 429); with
 * QUEUE_DASHBOARD_READ_ONLY (the default) every change (retry, remove, pause, add…) is refused with a 405.
 */
export function mountQueueDashboard(app: INestApplication, settings: Settings): void {
  const password = settings.ADMIN_PASSWORD;
  const readOnly = settings.QUEUE_DASHBOARD_READ_ONLY;
  const auth = app.get(AuthService);
  const limits = app.get(RateLimits);
  const fail = (res: Response, code: ErrorCode, message: string) => res.status(ERROR_CODES[code].status).json(errorBody(code, message));
  const allowed = (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    if (readOnly && !READS.has(req.method)) return fail(res, 'READ_ONLY', '队列看板为只读模式，不能重试、删除、暂停或添加任务（QUEUE_DASHBOARD_READ_ONLY=true）');
    next();
  };
  // Counts the attempt first and takes it back when it was right, so parallel guesses cannot slip past.
  const guard = async (req: Request, res: Response, next: NextFunction) => {
    const hit = await limits.hit([`admin:ip:${req.ip}`]);
    if (hit.counts[0]!.count > settings.ADMIN_LOGIN_RATE_PER_MIN) {
      const wait = waitSeconds(hit.counts[0]!);
      res.setHeader('Retry-After', String(wait));
      return fail(res, 'TOO_MANY_REQUESTS', `队列看板登录失败次数过多，请 ${wait} 秒后再试`);
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (bearer) {
      const u = await auth.authenticate(bearer[1]!).catch(() => undefined);
      if (!u) return fail(res, 'TOKEN_INVALID', '登录凭证无效或已过期，请重新登录');
      await hit.undo();
      return u.role === 'admin' ? allowed(req, res, next) : fail(res, 'ROLE_FORBIDDEN', '队列看板仅限系统管理员（admin）');
    }
    if (!password) return fail(res, 'NOT_ENABLED', '队列看板未启用：请设置 ADMIN_PASSWORD 后重启');
    const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
    const decoded = Buffer.from(encoded ?? '', 'base64').toString();
    const colon = decoded.indexOf(':');
    if (scheme === 'Basic' && colon > 0 && decoded.slice(0, colon) === 'admin' && same(decoded.slice(colon + 1), password)) {
      await hit.undo();
      return allowed(req, res, next);
    }
    // A browser's first visit carries no credentials: that asks for them and is not a guess.
    if (!req.headers.authorization) await hit.undo();
    res.setHeader('WWW-Authenticate', 'Basic realm="ParkMatch queues"');
    return fail(res, 'UNAUTHENTICATED', '需要管理员账号（admin）与 ADMIN_PASSWORD');
  };
  const adapter = new ExpressAdapter();
  adapter.setBasePath(PATH);
  const producer = app.get<QueueProducer>(PRODUCER);
  createBullBoard({ queues: producer.allQueues().map((q) => new BullMQAdapter(q, { readOnlyMode: readOnly })), serverAdapter: adapter });
  app.use(PATH, (req: Request, res: Response, next: NextFunction) => void guard(req, res, next).catch(next), adapter.getRouter());
}
