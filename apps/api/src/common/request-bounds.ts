import { Logger, type INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { describeHolders, type UnitOfWork } from '#persistence';
import { errorBody } from '#errors';

/**
 * No request waits forever: past REQUEST_TIMEOUT_MS the caller gets a 503 in words it can act on, and
 * the log says what was using the database. Each request is labelled so such a log can name it.
 * Uploads are left out: their size is bounded instead, and their parsing runs in the background.
 */
export function boundRequests(app: INestApplication, uow: UnitOfWork, timeoutMs: number): void {
  const log = new Logger('RequestBounds');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.is('multipart/form-data')) return uow.labelled(`${req.method} ${req.path}`, next);
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      log.error(`${req.method} ${req.originalUrl} unanswered after ${timeoutMs} ms; database in use by ${describeHolders(uow.inFlight())}`);
      const body = errorBody('REQUEST_TIMEOUT', `服务器繁忙，请求在 ${Math.round(timeoutMs / 1000)} 秒内未能完成；请稍后重试，若持续出现请联系管理员查看日志`);
      res.status(503).set('Retry-After', '5').json(body);
    }, timeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    res.on('finish', clear);
    res.on('close', clear);
    uow.labelled(`${req.method} ${req.path}`, next);
  });
}
