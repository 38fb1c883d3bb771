import { Injectable, Logger } from '@nestjs/common';
import type { Viewer } from '#domain';
import { UnitOfWork, type AuditFilter, type NewAuditEntry } from '#persistence';

export type AuditInput = Omit<NewAuditEntry, 'userId' | 'username' | 'role'>;

/** Writes and reads the audit log: every change and every view of personal data (who, when, what). */
@Injectable()
export class AuditService {
  private readonly log = new Logger('Audit');

  /** Entries of requests that finish together go in one statement (each response still waits for its own). */
  private readonly write = this.uow.coalesced<NewAuditEntry[], void>(async (groups, r) => {
    await r.audit.add(groups.flat());
    return groups.map(() => ({ ok: true, value: undefined }));
  }, { max: 200, inFlight: 2 });

  constructor(private readonly uow: UnitOfWork) {}

  /** Records one entry; a failure to write is logged loudly, and then thrown: an unaudited change must not pass silently. */
  async record(entry: AuditInput, who?: Pick<Viewer, 'id' | 'username' | 'role'>): Promise<void> {
    await this.recordMany([entry], who);
  }

  async recordMany(entries: AuditInput[], who?: Pick<Viewer, 'id' | 'username' | 'role'>): Promise<void> {
    try {
      const rows = entries.map((e) => ({ ...e, userId: who?.id ?? null, username: who?.username ?? null, role: who?.role ?? null }));
      // Inside a caller's transaction the entry joins it (and commits or rolls back with the change).
      await this.write(rows);
    } catch (e) {
      this.log.error(`audit write failed: ${(e as Error).message}`);
      throw e;
    }
  }

  async list(f: AuditFilter, page: { limit: number; offset: number }) {
    const { items, total } = await this.uow.read((r) => r.audit.list(f, page));
    return {
      items: items.map((r) => ({ id: String(r.id), at: r.at, userId: r.user_id, username: r.username, role: r.role, action: r.action, targetKind: r.target_kind, targetId: r.target_id, method: r.method, path: r.path, status: r.status, ip: r.ip, data: r.data })),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }
}
