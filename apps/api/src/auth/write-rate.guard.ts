import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimiter, TooManyRequests, type Principal } from '#auth';
import { SETTINGS } from '#core';
import type { Settings } from '#settings';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Limits writes per user (or per IP before sign-in); runs after AuthGuard. Sign-in has its own, stricter limit. */
@Injectable()
export class WriteRateGuard implements CanActivate {
  private readonly limiter: RateLimiter;
  constructor(@Inject(SETTINGS) settings: Settings) {
    this.limiter = new RateLimiter(settings.WRITE_RATE_PER_MIN);
  }

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    if (READS.has(req.method)) return true;
    const wait = this.limiter.hit(req.user ? `u:${req.user.id}` : `ip:${req.ip}`);
    if (wait) {
      ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
      throw new TooManyRequests(`提交过于频繁，请 ${wait} 秒后再试`, wait);
    }
    return true;
  }
}
