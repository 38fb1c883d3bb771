import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { loadLeadSharingPolicy } from '#catalog';
import { selectOfferParks } from '#domain';
import { LEAD_STATUS, OFFER_STATUS, UnitOfWork } from '#persistence';
import { MANAGER_INBOX, notify } from './notices.js';

export type ShareOutcome = 'offered' | 'review' | 'already-shared' | 'stale-ranking' | 'already-accepted';

const HOUR = 3600_000;

/** The `share-lead` job: applies config/lead-sharing-policy.json to a stored ranking. */
@Injectable()
export class OfferDispatchService {
  readonly policy = loadLeadSharingPolicy();

  constructor(private readonly uow: UnitOfWork) {}

  async share(leadId: string, rankingId: string): Promise<ShareOutcome> {
    const outcome = await this.uow.transaction(async (r) => {
      const lead = await r.leads.findForUpdate(leadId);
      if (!lead) throw new UnrecoverableError(`lead ${leadId} does not exist`);
      if (lead.current_ranking_id !== rankingId) return 'stale-ranking' as const;
      if (lead.status === LEAD_STATUS.accepted) return 'already-accepted' as const;
      const ranking = await r.rankings.find(rankingId);
      if (!ranking) throw new UnrecoverableError(`ranking ${rankingId} does not exist`);
      const leadOffers = await r.offers.forLead(leadId);
      if (leadOffers.some((o) => o.ranking_id === rankingId)) return 'already-shared' as const;
      const alreadyReviewed = lead.status === LEAD_STATUS.review && (await r.leads.events(leadId)).some((e) => e.kind === 'sent-to-review' && e.data.rankingId === rankingId);
      if (alreadyReviewed) return 'already-shared' as const;

      const selection = selectOfferParks(ranking.results, lead.origin_board_id, ranking.no_fit, this.policy);
      const existingOpen = leadOffers.filter((o) => o.status === OFFER_STATUS.open);
      const chosen = selection.kind === 'review' ? [] : selection.parks;
      // A rescore keeps the open offers of parks still chosen and withdraws the rest.
      const keep = new Set(existingOpen.filter((o) => chosen.some((c) => c.parkId === o.park_id)).map((o) => o.park_id));
      for (const o of existingOpen.filter((o) => !keep.has(o.park_id))) await r.offers.decide(o.id, { status: OFFER_STATUS.withdrawn, decidedBy: 'system:rescore' });

      if (selection.kind === 'review') {
        await r.leads.update(leadId, { status: LEAD_STATUS.review });
        await r.leads.addEvent(leadId, 'sent-to-review', 'system', { rankingId, why: selection.why });
        await notify(r, [{
          recipientKind: 'manager', recipientId: MANAGER_INBOX, kind: 'no-fit', leadId,
          title: `线索 ${lead.code} 无匹配园区，待人工研判`,
          body: selection.why === 'no-fit' ? '推荐引擎判断没有园区的主攻方向覆盖该项目。' : '所有园区的匹配度均低于共享门槛。',
        }]);
        return 'review' as const;
      }

      const now = Date.now();
      const fresh = chosen.filter((c) => !keep.has(c.parkId));
      const newOffers = fresh.map((c) => ({
        id: randomUUID(), leadId, parkId: c.parkId, rankingId, score: c.score, rank: c.rank,
        reasons: ranking.results.find((x) => x.parkId === c.parkId)!.reasons,
        respondBy: new Date(now + this.policy.respondWithinHours * HOUR),
        assessBy: new Date(now + this.policy.assessWithinHours * HOUR),
      }));
      const ids = new Set(await r.offers.insertMany(newOffers));
      await r.leads.update(leadId, { status: LEAD_STATUS.shared });
      await r.leads.addEvent(leadId, 'shared', 'system', { rankingId, mode: selection.kind, parks: chosen.map((c) => c.parkId) });
      await notify(r, newOffers.filter((o) => ids.has(o.id)).map((o) => ({
        recipientKind: 'park' as const, recipientId: o.parkId, kind: 'offer', leadId, offerId: o.id,
        title: `新的招商线索推荐（匹配度 ${Math.round(o.score * 100)}%）`,
        body: `${lead.primary_sector ?? lead.sector ?? '未分类'}项目，请在 ${this.policy.respondWithinHours} 小时内答复是否接洽。`,
      })));
      return 'offered' as const;
    });
    return outcome;
  }
}
