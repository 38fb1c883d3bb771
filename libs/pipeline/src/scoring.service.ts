import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JOBS, UnrecoverableError, type Settled } from '#queues';
import { UnitOfWork, type NewRanking } from '#persistence';
import { detectDuplicates } from './duplicate-detector.js';
import { MatcherService } from './matcher.service.js';
import { OfferDispatchService } from './offer-dispatch.service.js';

export type ScoreOutcome = 'scored' | 'already-scored' | 'stale-round';

/**
 * The `score-lead` job: rank every park for the lead and store it with the versions used. A new lead (round 0) is
 * shared in the same transaction (nothing has to happen in between); a rescored lead queues its distribute-lead job.
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly matchers: MatcherService,
    private readonly dispatch: OfferDispatchService,
  ) {}

  async score(leadId: string, scoringRound: number): Promise<ScoreOutcome> {
    const [outcome] = await this.scoreMany([{ leadId, scoringRound }]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.value;
  }

  /**
   * Many score-lead jobs: one read, the engine in memory, then one transaction of set-based statements (rankings,
   * leads, events, duplicate links, offers and notices for the whole batch). One outcome per item, in order.
   */
  async scoreMany(items: { leadId: string; scoringRound: number }[]): Promise<Settled<ScoreOutcome>[]> {
    const out: Settled<ScoreOutcome>[] = new Array(items.length);
    const ids = [...new Set(items.map((i) => i.leadId))];
    const missing = (i: number) => (out[i] = { ok: false, error: new UnrecoverableError(`lead ${items[i]!.leadId} does not exist`) });
    const { leads, ranked } = await this.uow.read(async (r) => ({
      leads: new Map((await r.leads.findMany(ids)).map((l) => [l.id, l])),
      ranked: await r.rankings.existingRounds(items),
    }));
    const todo: number[] = [];
    items.forEach(({ leadId, scoringRound }, i) => {
      const lead = leads.get(leadId);
      if (!lead) missing(i);
      else if (lead.scoring_round > scoringRound) out[i] = { ok: true, value: 'stale-round' };
      else if (ranked.has(`${leadId}/${scoringRound}`)) out[i] = { ok: true, value: 'already-scored' };
      else todo.push(i);
    });
    if (!todo.length) return out;

    const { matcher, profileVersions } = await this.matchers.current();
    const rankings = new Map<number, NewRanking>(todo.map((i) => {
      const lead = leads.get(items[i]!.leadId)!;
      // The engine reads the de-identified text: its reasons quote the lead and go to every offered park.
      const ranking = matcher.rank({
        text: lead.description_redacted,
        sector: lead.sector_redacted ?? undefined,
        amountCny100m: lead.amount_wan !== null ? lead.amount_wan / 10000 : undefined,
        landMu: lead.land_mu ?? undefined,
      });
      return [i, {
        id: randomUUID(), leadId: lead.id, scoringRound: items[i]!.scoringRound, engineVersion: matcher.version, profileVersions,
        noFit: ranking.noFit, primarySector: ranking.primarySector,
        results: ranking.ranking.map((p) => ({ parkId: p.parkId, park: p.park, board: p.board, score: p.score, rank: p.rank, reasons: p.reasons })),
      }];
    }));

    await this.uow.transaction(async (r) => {
      const locked = new Map((await r.leads.findManyForUpdate([...new Set(todo.map((i) => items[i]!.leadId))])).map((l) => [l.id, l]));
      // Re-checked under the lock: a rescore may have moved the lead on since the read.
      const fresh = todo.filter((i) => {
        const lead = locked.get(items[i]!.leadId);
        if (!lead) missing(i);
        else if (lead.scoring_round > items[i]!.scoringRound) out[i] = { ok: true, value: 'stale-round' };
        else return true;
        return false;
      });
      const saved = new Set((await r.rankings.insertMany(fresh.map((i) => rankings.get(i)!))).map((x) => x.id));
      const stored = fresh.filter((i) => saved.has(rankings.get(i)!.id) || !(out[i] = { ok: true, value: 'already-scored' }));
      const rows = stored.map((i) => rankings.get(i)!);
      await r.leads.updateMany(rows.map((x) => ({ id: x.leadId, current_ranking_id: x.id, primary_sector: x.primarySector })));
      await r.leads.addEvents(rows.map((x) => ({
        leadId: x.leadId, kind: 'scored', actor: 'system',
        data: { round: x.scoringRound, engineVersion: x.engineVersion, noFit: x.noFit, top: x.results.slice(0, 3).map((p) => ({ park: p.park, score: p.score })) },
      })));
      const first = rows.filter((x) => x.scoringRound === 0);
      await detectDuplicates(r, first.map((x) => ({ lead: locked.get(x.leadId)!, primarySector: x.primarySector })));
      const shared = await this.dispatch.shareLocked(r, first.map((x) => ({
        leadId: x.leadId, rankingId: x.id,
        lead: { ...locked.get(x.leadId)!, current_ranking_id: x.id, primary_sector: x.primarySector },
        ranking: { id: x.id, results: x.results, no_fit: x.noFit },
      })));
      for (const s of shared) if (!s.ok) throw s.error;
      await r.outbox.addMany(JOBS.distributeLead, rows.filter((x) => x.scoringRound > 0).map((x) => ({ leadId: x.leadId, rankingId: x.id })));
      for (const i of stored) out[i] = { ok: true, value: 'scored' };
    });
    return out;
  }
}
