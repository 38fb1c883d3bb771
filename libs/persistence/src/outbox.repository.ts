import { sql } from 'kysely';
import type { Executor } from './executor.js';

export interface OutboxEntry {
  id: string;
  jobName: string;
  payload: Record<string, unknown>;
}

/** Work to put on a queue, written in the same transaction as the change that causes it. */
export class OutboxRepository {
  constructor(private readonly db: Executor) {}

  async add(jobName: string, payload: Record<string, unknown>): Promise<void> {
    await this.db.insertInto('outbox').values({ job_name: jobName, payload: JSON.stringify(payload) }).execute();
  }

  async addMany(entries: { jobName: string; payload: Record<string, unknown> }[]): Promise<void> {
    if (!entries.length) return;
    await this.db
      .insertInto('outbox')
      .values(entries.map((e) => ({ job_name: e.jobName, payload: JSON.stringify(e.payload) })))
      .execute();
  }

  /** Claims a batch of unpublished rows; SKIP LOCKED lets several relays run side by side. */
  async claimPending(limit: number, maxAttempts: number): Promise<OutboxEntry[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['id', 'job_name', 'payload'])
      .where('published_at', 'is', null)
      .where('attempts', '<', maxAttempts)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    return rows.map((r) => ({ id: String(r.id), jobName: r.job_name, payload: r.payload }));
  }

  async markPublished(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.updateTable('outbox').set({ published_at: new Date() }).where('id', 'in', ids).execute();
  }

  async markFailed(ids: string[], error: string): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('outbox')
      .set({ attempts: sql`attempts + 1`, last_error: error.slice(0, 500) })
      .where('id', 'in', ids)
      .execute();
  }

  async pendingCount(maxAttempts = Number.MAX_SAFE_INTEGER): Promise<number> {
    const r = await this.db
      .selectFrom('outbox')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('published_at', 'is', null)
      .where('attempts', '<', maxAttempts)
      .executeTakeFirstOrThrow();
    return r.n;
  }

  /** Rows the queue refused again and again (bad payloads): kept for an admin to read, never retried. */
  async deadLetters(maxAttempts: number) {
    return this.db.selectFrom('outbox').selectAll().where('published_at', 'is', null).where('attempts', '>=', maxAttempts).orderBy('id').limit(100).execute();
  }
}
