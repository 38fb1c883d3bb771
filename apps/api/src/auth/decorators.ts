import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '#domain';
import type { Principal } from '#auth';

export const IS_PUBLIC = 'parkmatch:public';
export const ROLES_KEY = 'parkmatch:roles';
export const AUDIT_VIEW = 'parkmatch:audit-view';

/** Readable without signing in: the park catalog, boards, health, docs and sign-in itself. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The roles that may call a handler (a first, coarse gate; services still check the owner keys).
 * Without it, any signed-in user passes the gate.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The signed-in caller (set by AuthGuard). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ user: Principal }>().user);

/**
 * Marks a read that may return personal data: `pick` names what in the response was personal (e.g. a
 * lead with contacts); each target is written to the audit log as a `view-personal-data` entry.
 */
export interface PersonalDataPick {
  (result: any): { kind: string; id: string; data?: Record<string, unknown> }[];
}
export const AuditView = (pick: PersonalDataPick) => SetMetadata(AUDIT_VIEW, pick);
