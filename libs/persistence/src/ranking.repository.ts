import type { Executor } from './executor.js';
import type { RankingResultRow } from './schema.js';

export interface NewRanking {
  id: string;
  leadId: string;
  scoringRound: number;
  engineVersion: string;
  profileVersions: Record<string, number>;
  noFit: boolean;
  primarySector: string | null;
  results: RankingResultRow[];
}

export interface RankingRow {
  id: string;
  lead_id: string;
  scoring_round: number;
  engine_version: string;
  profile_versions: Record<string, number>;
  no_fit: boolean;
  primary_sector: string | null;
  results: RankingResultRow[];
  created_at: Date;
}

export class RankingRepository {
  constructor(private readonly db: Executor) {}

  /** One ranking per lead and scoring round: a replayed job finds the first and writes nothing. */
  async insert(r: NewRanking): Promise<{ id: string; created: boolean }> {
    const row = await this.db
      .insertInto('rankings')
      .values({
        id: r.id,
        lead_id: r.leadId,
        scoring_round: r.scoringRound,
        engine_version: r.engineVersion,
        profile_versions: JSON.stringify(r.profileVersions),
        no_fit: r.noFit,
        primary_sector: r.primarySector,
        results: JSON.stringify(r.results),
      })
      .onConflict((oc) => oc.columns(['lead_id', 'scoring_round']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) return { id: row.id, created: true };
    const existing = await this.forRound(r.leadId, r.scoringRound);
    return { id: existing!.id, created: false };
  }

  /** Many rankings in one statement; returns the ones stored now (a lead and round already ranked is skipped). */
  async insertMany(list: NewRanking[]): Promise<{ id: string; lead_id: string }[]> {
    if (!list.length) return [];
    return this.db
      .insertInto('rankings')
      .values(list.map((r) => ({
        id: r.id, lead_id: r.leadId, scoring_round: r.scoringRound, engine_version: r.engineVersion,
        profile_versions: JSON.stringify(r.profileVersions), no_fit: r.noFit, primary_sector: r.primarySector, results: JSON.stringify(r.results),
      })))
      .onConflict((oc) => oc.columns(['lead_id', 'scoring_round']).doNothing())
      .returning(['id', 'lead_id'])
      .execute();
  }

  /** Which of these (lead, round) pairs are ranked already: "lead/round" keys. */
  async existingRounds(pairs: { leadId: string; scoringRound: number }[]): Promise<Set<string>> {
    if (!pairs.length) return new Set();
    const rows = await this.db
      .selectFrom('rankings')
      .select(['lead_id', 'scoring_round'])
      .where('lead_id', 'in', [...new Set(pairs.map((p) => p.leadId))])
      .execute();
    return new Set(rows.map((r) => `${r.lead_id}/${r.scoring_round}`));
  }

  async findMany(ids: string[]): Promise<RankingRow[]> {
    if (!ids.length) return [];
    return (await this.db.selectFrom('rankings').selectAll().where('id', 'in', ids).execute()) as RankingRow[];
  }

  async forRound(leadId: string, round: number): Promise<RankingRow | undefined> {
    return (await this.db.selectFrom('rankings').selectAll().where('lead_id', '=', leadId).where('scoring_round', '=', round).executeTakeFirst()) as RankingRow | undefined;
  }

  async find(id: string): Promise<RankingRow | undefined> {
    return (await this.db.selectFrom('rankings').selectAll().where('id', '=', id).executeTakeFirst()) as RankingRow | undefined;
  }
}
