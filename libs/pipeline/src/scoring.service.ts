import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from '#queues';
import { JOBS } from '#queues';
import { UnitOfWork } from '#persistence';
import { detectDuplicates } from './duplicate-detector.js';
import { MatcherService } from './matcher.service.js';

export type ScoreOutcome = 'scored' | 'already-scored' | 'stale-round';

/** The `score-lead` job: rank every park for the lead, store it with the versions used, then share. */
@Injectable()
export class ScoringService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly matchers: MatcherService,
  ) {}

  async score(leadId: string, scoringRound: number): Promise<ScoreOutcome> {
    return this.uow.read(async (r0) => {
      const lead = await r0.leads.find(leadId);
      if (!lead) throw new UnrecoverableError(`lead ${leadId} does not exist`);
      if (lead.scoring_round > scoringRound) return 'stale-round';
      if (await r0.rankings.forRound(leadId, scoringRound)) return 'already-scored';

      const { matcher, profileVersions } = await this.matchers.current();
      // The engine reads the de-identified text: its reasons quote the lead and go to every offered park.
      const ranking = matcher.rank({
        text: lead.description_redacted,
        sector: lead.sector_redacted ?? undefined,
        amountCny100m: lead.amount_wan !== null ? lead.amount_wan / 10000 : undefined,
        landMu: lead.land_mu ?? undefined,
      });
      const outcome = await this.uow.transaction(async (r) => {
        const saved = await r.rankings.insert({
          id: randomUUID(),
          leadId,
          scoringRound,
          engineVersion: matcher.version,
          profileVersions,
          noFit: ranking.noFit,
          primarySector: ranking.primarySector,
          results: ranking.ranking.map((p) => ({ parkId: p.parkId, park: p.park, board: p.board, score: p.score, rank: p.rank, reasons: p.reasons })),
        });
        if (!saved.created) return 'already-scored' as const;
        await r.leads.update(leadId, { current_ranking_id: saved.id, primary_sector: ranking.primarySector });
        await r.leads.addEvent(leadId, 'scored', 'system', {
          round: scoringRound,
          engineVersion: matcher.version,
          noFit: ranking.noFit,
          top: ranking.ranking.slice(0, 3).map((p) => ({ park: p.park, score: p.score })),
        });
        if (scoringRound === 0) await detectDuplicates(r, lead, ranking.primarySector);
        await r.outbox.add(JOBS.shareLead, { leadId, rankingId: saved.id });
        return 'scored' as const;
      });
      return outcome;
    });
  }
}
