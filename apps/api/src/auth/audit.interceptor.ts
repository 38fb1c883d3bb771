import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { AuditService, type Principal } from '#auth';
import { AUDIT_VIEW, type PersonalDataPick } from './decorators.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes the audit log after a handler succeeds: every change (any non-GET call: who, when, which route
 * and ids; sign-in is audited by AuthService) and every view of personal data (GET handlers marked @AuditView). The response waits for
 * the entry, so what was changed or seen is always on record.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector, private readonly audit: AuditService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    const pick = this.reflector.get<PersonalDataPick | undefined>(AUDIT_VIEW, ctx.getHandler());
    const change = !READS.has(req.method);
    if (!change && !pick) return next.handle();
    const route = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
    return next.handle().pipe(
      mergeMap((result) =>
        from(
          (async () => {
            const res = ctx.switchToHttp().getResponse<Response>();
            const base = { method: req.method, path: req.originalUrl.split('?')[0]!, status: res.statusCode, ip: req.ip ?? null };
            const who = req.user;
            if (change && who) {
              const params = req.params as Record<string, string>;
              const target = Object.entries(params).at(-1);
              const created = result && typeof result === 'object' && 'id' in result ? String((result as { id: unknown }).id) : undefined;
              await this.audit.record(
                { ...base, action: route, targetKind: target?.[0] ?? null, targetId: target?.[1] ?? created ?? null, data: { params, ...(created ? { resultId: created } : {}) } },
                who,
              );
            }
            if (pick) {
              const seen = pick(result);
              if (seen.length) await this.audit.recordMany(seen.map((s) => ({ ...base, action: 'view-personal-data', targetKind: s.kind, targetId: s.id, data: { route, ...s.data } })), who);
            }
            return result;
          })(),
        ),
      ),
    );
  }
}
