import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuthService, isAdminBasic, RateLimits, waitSeconds } from '#auth';
import { ERROR_CODES, errorBody, type ErrorCode } from '#errors';
import type { Settings } from '#settings';

export const fail = (res: Response, code: ErrorCode, message: string) => res.status(ERROR_CODES[code].status).json(errorBody(code, message));

/**
 * The admin pages outside the API (queue dashboard, /metrics): a browser or Prometheus sends HTTP basic auth (user
 * `admin`, password ADMIN_PASSWORD); scripts may instead send `Authorization: Bearer <token>` of a signed-in admin
 * user. Anyone else: 401/403. Failed attempts from one address are limited (ADMIN_LOGIN_RATE_PER_MIN, then 429),
 * one count for all these pages.
 */
export function adminAccess(app: INestApplication, settings: Settings, realm: string, what: string) {
  const password = settings.ADMIN_PASSWORD;
  const auth = app.get(AuthService);
  const limits = app.get(RateLimits);
  // Counts the attempt first and takes it back when it was right, so parallel guesses cannot slip past.
  const guard = async (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    const hit = await limits.hit([`admin:ip:${req.ip}`]);
    if (hit.counts[0]!.count > settings.ADMIN_LOGIN_RATE_PER_MIN) {
      const wait = waitSeconds(hit.counts[0]!);
      res.setHeader('Retry-After', String(wait));
      return fail(res, 'TOO_MANY_REQUESTS', `${what}登录失败次数过多，请 ${wait} 秒后再试`);
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (bearer) {
      const u = await auth.authenticate(bearer[1]!).catch(() => undefined);
      if (!u) return fail(res, 'TOKEN_INVALID', '登录凭证无效或已过期，请重新登录');
      await hit.undo();
      return u.role === 'admin' ? next() : fail(res, 'ROLE_FORBIDDEN', `${what}仅限系统管理员（admin）`);
    }
    if (!password) return fail(res, 'NOT_ENABLED', `${what}未启用：请设置 ADMIN_PASSWORD 后重启`);
    if (isAdminBasic(req.headers.authorization, password)) {
      await hit.undo();
      return next();
    }
    // A browser's first visit carries no credentials: that asks for them and is not a guess.
    if (!req.headers.authorization) await hit.undo();
    res.setHeader('WWW-Authenticate', `Basic realm="${realm}"`);
    return fail(res, 'UNAUTHENTICATED', '需要管理员账号（admin）与 ADMIN_PASSWORD');
  };
  return (req: Request, res: Response, next: NextFunction) => void guard(req, res, next).catch(next);
}
