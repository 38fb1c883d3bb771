import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { RateLimits, waitSeconds, type Principal } from '#auth';
import { TooManyRequests } from '#errors';
import { SETTINGS } from '#core';
import type { Settings } from '#settings';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Limits writes per user (or per IP before sign-in), shared by every API copy on one Redis; runs after AuthGuard. Sign-in has its own limits. */
@Injectable()
export class WriteRateGuard implements CanActivate {
  constructor(@Inject(SETTINGS) private readonly settings: Settings, private readonly limits: RateLimits) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    if (READS.has(req.method)) return true;
    const { counts } = await this.limits.hit([req.user ? `write:u:${req.user.id}` : `write:ip:${req.ip}`]);
    if (counts[0]!.count > this.settings.WRITE_RATE_PER_MIN) {
      const wait = waitSeconds(counts[0]!);
      throw new TooManyRequests(`提交过于频繁，请 ${wait} 秒后再试`, wait);
    }
    return true;
  }
}
