import { sql } from 'kysely';
import { currentRequestId } from '#observability';
import type { Executor } from './executor.js';

export interface OutboxEntry {
  id: string;
  jobName: string;
  payload: Record<string, unknown>;
}

/**
 * A job of the queue catalogue (libs/queues JOBS): its name and the schema of its payload. Structural, so
 * persistence does not import the queue library; a payload that does not fit its job fails before commit.
 */
export interface OutboxJob<P> {
  name: string;
  payload: { parse(value: unknown): P };
}

/** Work to put on a queue, written in the same transaction as the change that causes it. */
/** The rows `addMany` writes, for a statement that writes them beside other rows (then the repository's `announce`). */
export function outboxRows<P>(job: OutboxJob<P>, payloads: NoInfer<P>[]): { job_name: string; payload: string }[] {
  // The request (or job) that causes the work travels with it, for the log lines of the jobs that follow.
  const requestId = currentRequestId();
  return payloads.map((p) => ({ job_name: job.name, payload: JSON.stringify(job.payload.parse(requestId && !(p as { requestId?: string }).requestId ? { ...p, requestId } : p)) }));
}

export class OutboxRepository {
  constructor(
    private readonly db: Executor,
    private readonly onWrite: () => void = () => undefined,
  ) {}

  async add<P>(job: OutboxJob<P>, payload: NoInfer<P>): Promise<void> {
    await this.addMany(job, [payload]);
  }

  async addMany<P>(job: OutboxJob<P>, payloads: NoInfer<P>[]): Promise<void> {
    if (!payloads.length) return;
    await this.db.insertInto('outbox').values(outboxRows(job, payloads)).execute();
    this.onWrite();
  }

  /** Rows of `outboxRows` were written by another statement: the relay is told as after `addMany`. */
  announce(): void {
    this.onWrite();
  }


  /**
   * Claims a batch of unpublished rows for `leaseMs` in one statement, so no lock or connection is held while Redis
   * takes them; SKIP LOCKED and the lease let several relays run side by side. A relay that died leaves its rows to
   * the next one once the lease ran out.
   */
  async claimPending(limit: number, maxAttempts: number, leaseMs = 30_000): Promise<OutboxEntry[]> {
    const rows = await sql<{ id: string; job_name: string; payload: Record<string, unknown> }>`
      update outbox set claimed_until = now() + make_interval(secs => ${leaseMs / 1000})
      where id in (
        select id from outbox
        where published_at is null and attempts < ${maxAttempts} and (claimed_until is null or claimed_until < now())
        order by id limit ${limit} for update skip locked)
      returning id, job_name, payload`.execute(this.db);
    return rows.rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)).map((r) => ({ id: String(r.id), jobName: r.job_name, payload: r.payload }));
  }

  /** Gives claimed rows back at once (Redis was down: the next tick may take them). */
  async release(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.updateTable('outbox').set({ claimed_until: null }).where('id', 'in', ids).execute();
  }

  async markPublished(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.updateTable('outbox').set({ published_at: new Date() }).where('id', 'in', ids).execute();
  }

  async markFailed(ids: string[], error: string): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('outbox')
      .set({ attempts: sql`attempts + 1`, last_error: error.slice(0, 500), claimed_until: null })
      .where('id', 'in', ids)
      .execute();
  }

  /** Unpublished rows; with `maxAttempts`, only those still to be retried (not dead letters). */
  async pendingCount(maxAttempts?: number): Promise<number> {
    let q = this.db.selectFrom('outbox').select(sql<number>`count(*)::int`.as('n')).where('published_at', 'is', null);
    if (maxAttempts !== undefined) q = q.where('attempts', '<', maxAttempts);
    return (await q.executeTakeFirstOrThrow()).n;
  }

  /** Unpublished rows still to be retried, the age of the oldest of them, and the dead letters (for /metrics). */
  async lag(maxAttempts: number): Promise<{ pending: number; oldestAgeSeconds: number; deadLetters: number }> {
    const r = await this.db
      .selectFrom('outbox')
      .select([
        sql<number>`count(*) filter (where attempts < ${maxAttempts})::int`.as('pending'),
        sql<number | null>`extract(epoch from now() - min(created_at) filter (where attempts < ${maxAttempts}))::float8`.as('age'),
        sql<number>`count(*) filter (where attempts >= ${maxAttempts})::int`.as('dead'),
      ])
      .where('published_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { pending: r.pending, oldestAgeSeconds: Math.max(0, Number(r.age ?? 0)), deadLetters: r.dead };
  }

  /** Rows the queue refused again and again (bad payloads): kept for an admin to read, never retried. */
  async deadLetters(maxAttempts: number) {
    return this.db.selectFrom('outbox').selectAll().where('published_at', 'is', null).where('attempts', '>=', maxAttempts).orderBy('id').limit(100).execute();
  }
}
