import { sql } from 'kysely';
import type { Executor } from './executor.js';

export interface NewParkFirm {
  id: string;
  row: number;
  name: string;
  creditCode?: string;
  scope?: string;
  products?: string;
  nodes: string[];
}

/** Counts the 产业招商图谱 shows beside the taxonomy, and what each park already has on its chain (补链). */
export class IndustryMapRepository {
  constructor(private readonly db: Executor) {}

  /** Leads seen per recognised main sector (the taxonomy node label scoring stored). */
  async leadsBySector(): Promise<{ sector: string; leads: number }[]> {
    const r = await sql<{ sector: string; leads: number }>`
      select primary_sector as sector, count(*)::int as leads from leads where primary_sector is not null group by 1 order by 1`.execute(this.db);
    return r.rows;
  }

  /** A park's firm list is replaced whole by its next upload. */
  async replaceFirms(parkId: string, firms: NewParkFirm[], meta: { filename: string; uploadedBy: string }): Promise<void> {
    await this.db.deleteFrom('park_firms').where('park_id', '=', parkId).execute();
    for (let i = 0; i < firms.length; i += 1000)
      await this.db
        .insertInto('park_firms')
        .values(firms.slice(i, i + 1000).map((f) => ({
          id: f.id, park_id: parkId, row: f.row, name: f.name, credit_code: f.creditCode ?? null, scope: f.scope ?? null, products: f.products ?? null,
          nodes: JSON.stringify(f.nodes), filename: meta.filename, uploaded_by: meta.uploadedBy,
        })))
        .execute();
  }

  firms(parkId: string) {
    return this.db.selectFrom('park_firms').select(['id', 'row', 'name', 'credit_code', 'scope', 'products', 'nodes', 'filename', 'uploaded_by', 'created_at']).where('park_id', '=', parkId).orderBy('row').execute();
  }

  /** The park's accepted projects (承接, any stage from 洽谈 to 投产) with their recognised main sector. */
  acceptedProjects(parkId: string) {
    return this.db
      .selectFrom('leads')
      .select(['id', 'code', 'stage', 'primary_sector'])
      .where('accepted_park_id', '=', parkId)
      .where('status', '=', 'accepted')
      .where('primary_sector', 'is not', null)
      .orderBy('created_at')
      .execute();
  }
}
