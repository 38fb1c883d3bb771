import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthService, type Principal } from '#auth';
import { ROLE_NAMES, type Role } from '#domain';
import { DomainError } from '#errors';
import { IS_PUBLIC, ROLES_KEY } from './decorators.js';

/**
 * Global: every route needs a bearer token unless marked @Public(); @Roles narrows who may call it.
 * A 401 means "sign in (again)", a 403 "you are signed in but this is not yours".
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new DomainError('UNAUTHENTICATED', '请先登录：在请求头 Authorization 中携带 Bearer 令牌（POST /api/auth/login 获取）');
    req.user = await this.auth.authenticate(m[1]!);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.user.role)) throw new DomainError('ROLE_FORBIDDEN', `当前账号（${ROLE_NAMES[req.user.role]}）无权执行此操作；需要：${roles.map((r) => ROLE_NAMES[r]).join('、')}`);
    return true;
  }
}
