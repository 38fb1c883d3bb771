import { sql } from 'kysely';
import type { Executor } from './executor.js';

export class HeartbeatRepository {
  constructor(private readonly db: Executor) {}

  /** A round trip to the database (health check). */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async beat(worker: { workerId: string; pid: number; host: string; startedAt: Date }): Promise<void> {
    const now = new Date();
    await this.db
      .insertInto('worker_heartbeats')
      .values({ worker_id: worker.workerId, pid: worker.pid, host: worker.host, started_at: worker.startedAt, seen_at: now })
      .onConflict((oc) => oc.column('worker_id').doUpdateSet({ seen_at: now }))
      .execute();
  }

  async latest(): Promise<{ workerId: string; seenAt: Date } | undefined> {
    const row = await this.db.selectFrom('worker_heartbeats').select(['worker_id', 'seen_at']).orderBy('seen_at', 'desc').limit(1).executeTakeFirst();
    return row && { workerId: row.worker_id, seenAt: row.seen_at };
  }

  async stop(workerId: string): Promise<void> {
    await this.db.deleteFrom('worker_heartbeats').where('worker_id', '=', workerId).execute();
  }
}
