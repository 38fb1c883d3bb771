import { sql } from 'kysely';
import type { Executor } from './executor.js';

/** Counts the 产业招商图谱 shows beside the taxonomy. */
export class IndustryMapRepository {
  constructor(private readonly db: Executor) {}

  /** Leads seen per recognised main sector (the taxonomy node label scoring stored). */
  async leadsBySector(): Promise<{ sector: string; leads: number }[]> {
    const r = await sql<{ sector: string; leads: number }>`
      select primary_sector as sector, count(*)::int as leads from leads where primary_sector is not null group by 1 order by 1`.execute(this.db);
    return r.rows;
  }
}
