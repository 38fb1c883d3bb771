import { sql, type Selectable } from 'kysely';
import type { Executor } from './executor.js';
import { pageOf } from './paging.js';
import type { AuditLogTable } from './schema.js';

export type AuditRow = Selectable<AuditLogTable>;

export interface NewAuditEntry {
  userId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  targetKind?: string | null;
  targetId?: string | null;
  method?: string | null;
  path?: string | null;
  status?: number | null;
  ip?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditFilter {
  userId?: string;
  /** The account name as written, or a part of the person's display name (姓名): what the audit page's 用户名 box takes. */
  username?: string;
  action?: string;
  targetKind?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

/** The audit log is append-only: no update, no delete. */
export class AuditRepository {
  constructor(private readonly db: Executor) {}

  async add(entries: NewAuditEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.db
      .insertInto('audit_log')
      .values(
        entries.map((e) => ({
          user_id: e.userId,
          username: e.username,
          role: e.role,
          action: e.action,
          target_kind: e.targetKind ?? null,
          target_id: e.targetId ?? null,
          method: e.method ?? null,
          path: e.path ?? null,
          status: e.status ?? null,
          ip: e.ip ?? null,
          data: JSON.stringify(e.data ?? {}),
        })),
      )
      .execute();
  }

  async list(f: AuditFilter, page: { limit: number; offset: number }): Promise<{ items: AuditRow[]; total: number }> {
    let q = this.db.selectFrom('audit_log');
    if (f.userId) q = q.where('user_id', '=', f.userId);
    const who = f.username?.trim();
    if (who)
      q = q.where((eb) => eb.or([
        eb('username', '=', who),
        eb('user_id', 'in', eb.selectFrom('users').select('id').where(sql<number>`strpos(lower(name), lower(${who}))`, '>', 0)),
      ]));
    if (f.action) q = q.where('action', '=', f.action);
    if (f.targetKind) q = q.where('target_kind', '=', f.targetKind);
    if (f.targetId) q = q.where('target_id', '=', f.targetId);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    return pageOf(q, q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc'), page);
  }
}
