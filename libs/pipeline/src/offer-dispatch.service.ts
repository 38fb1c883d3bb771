import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from '#queues';
import { loadLeadSharingPolicy } from '#catalog';
import { selectOfferParks } from '#domain';
import { LEAD_STATUS, OFFER_STATUS, REVIEW_REASON, UnitOfWork, type LeadRow, type RankingRow, type Repositories } from '#persistence';
import { DomainError } from '#errors';
import { describeFirstReport, holdingProject } from './duplicate-detector.js';
import { MANAGER_INBOX, notify } from './notices.js';

export type ShareOutcome = 'offered' | 'review' | 'already-shared' | 'stale-ranking' | 'already-accepted' | 'closed' | 'held' | 'already-held';

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
      if (lead.status === LEAD_STATUS.closed) return 'closed' as const;
      const ranking = await r.rankings.find(rankingId);
      if (!ranking) throw new UnrecoverableError(`ranking ${rankingId} does not exist`);
      const leadOffers = await r.offers.forLead(leadId);
      if (leadOffers.some((o) => o.ranking_id === rankingId)) return 'already-shared' as const;

      const hold = await holdingProject(r, lead);
      if (hold) {
        if (lead.status === LEAD_STATUS.review && lead.review_reason === REVIEW_REASON.duplicate) return 'already-held' as const;
        for (const o of leadOffers.filter((o) => o.status === OFFER_STATUS.open)) await r.offers.decide(o.id, { status: OFFER_STATUS.withdrawn, decidedBy: 'system:duplicate-hold' });
        await r.leads.update(leadId, { status: LEAD_STATUS.review, review_reason: REVIEW_REASON.duplicate });
        await r.leads.addEvent(leadId, 'duplicate-held', 'system', { rankingId, duplicateId: hold.duplicateId, firstReport: hold });
        const boards = new Map((await r.parks.listBoards()).map((b) => [b.id, b.name]));
        const first = describeFirstReport(hold, (id) => boards.get(id) ?? id);
        await notify(r, [
          { recipientKind: 'manager', recipientId: MANAGER_INBOX, kind: 'duplicate-held', leadId, title: `线索 ${lead.code} 疑似撞车，已暂停推送`, body: `与 ${first} 为同一企业，请在「项目撞车」中裁定首报。` },
          { recipientKind: 'board', recipientId: lead.origin_board_id, kind: 'duplicate-held', leadId, title: `线索 ${lead.code} 疑似撞车，待市科技局裁定`, body: `该企业已由 ${first} 在先报送并被园区接收，线索暂不推送，裁定前两条报送均保留。` },
        ]);
        return 'held' as const;
      }
      const alreadyReviewed = lead.status === LEAD_STATUS.review && (await r.leads.events(leadId)).some((e) => e.kind === 'sent-to-review' && e.data.rankingId === rankingId);
      if (alreadyReviewed) return 'already-shared' as const;

      const selection = selectOfferParks(ranking.results, lead.origin_board_id, ranking.no_fit, this.policy);
      const existingOpen = leadOffers.filter((o) => o.status === OFFER_STATUS.open);
      const chosen = selection.kind === 'review' ? [] : selection.parks;
      // A rescore keeps the open offers of parks still chosen and withdraws the rest.
      const keep = new Set(existingOpen.filter((o) => chosen.some((c) => c.parkId === o.park_id)).map((o) => o.park_id));
      for (const o of existingOpen.filter((o) => !keep.has(o.park_id))) await r.offers.decide(o.id, { status: OFFER_STATUS.withdrawn, decidedBy: 'system:rescore' });

      if (selection.kind === 'review') {
        await r.leads.update(leadId, { status: LEAD_STATUS.review, review_reason: selection.why === 'no-fit' ? REVIEW_REASON.noFit : REVIEW_REASON.belowThreshold });
        await r.leads.addEvent(leadId, 'sent-to-review', 'system', { rankingId, why: selection.why });
        await notify(r, [{
          recipientKind: 'manager', recipientId: MANAGER_INBOX, kind: 'no-fit', leadId,
          title: `线索 ${lead.code} 无匹配园区，待人工研判`,
          body: selection.why === 'no-fit' ? '推荐引擎判断没有园区的主攻方向覆盖该项目。' : '所有园区的匹配度均低于共享门槛。',
        }]);
        return 'review' as const;
      }

      await this.offer(r, lead, ranking, chosen.filter((c) => !keep.has(c.parkId)), { status: LEAD_STATUS.shared, kind: 'shared', actor: 'system', data: { rankingId, mode: selection.kind, parks: chosen.map((c) => c.parkId) } });
      return 'offered' as const;
    });
    return outcome;
  }

  /**
   * The manager's 待研判 desk: sends a lead from the review list to parks the manager chose, with the scores of its
   * current ranking and the usual clocks; the same offers, notices and history as the share-lead job makes.
   */
  async sendToParks(leadId: string, parkIds: string[], actor: string, note?: string) {
    return this.uow.transaction(async (r) => {
      const lead = await r.leads.findForUpdate(leadId);
      if (!lead) throw new DomainError('LEAD_NOT_FOUND', `线索 ${leadId} 不存在`);
      if (lead.status !== LEAD_STATUS.review) throw new DomainError('LEAD_NOT_IN_REVIEW', `线索 ${lead.code} 不在待研判列表中（状态：${lead.status}），不能转推`);
      const ranking = lead.current_ranking_id ? await r.rankings.find(lead.current_ranking_id) : undefined;
      if (!ranking) throw new DomainError('LEAD_NOT_SCORED', `线索 ${lead.code} 尚未完成评分，请稍后再试`);
      const unknown = parkIds.filter((id) => !ranking.results.some((x) => x.parkId === id));
      if (unknown.length) throw new DomainError('PARK_UNKNOWN', `园区不存在：${unknown.join('、')}；可用 GET /api/parks 查看全部园区`);
      const offered = new Set((await r.offers.forLead(leadId)).filter((o) => o.ranking_id === ranking.id).map((o) => o.park_id));
      const again = parkIds.filter((id) => offered.has(id));
      if (again.length) throw new DomainError('OFFER_ALREADY_SENT', `已向这些园区推送过该线索（可能已被拒绝）：${again.map((id) => ranking.results.find((x) => x.parkId === id)!.park).join('、')}`);
      const chosen = ranking.results.filter((x) => parkIds.includes(x.parkId));
      const ids = await this.offer(r, lead, ranking, chosen, { status: LEAD_STATUS.shared, kind: 'sent-by-manager', actor, data: { rankingId: ranking.id, parks: parkIds, note: note ?? null } });
      return { leadId, status: LEAD_STATUS.shared, offers: ids.length, parks: chosen.map((c) => ({ parkId: c.parkId, park: c.park, score: c.score })) };
    });
  }

  /** Writes offers (with both clocks), the lead's new status and history, and a notice to each park. */
  private async offer(
    r: Repositories,
    lead: LeadRow,
    ranking: RankingRow,
    chosen: { parkId: string; score: number; rank: number }[],
    event: { status: string; kind: string; actor: string; data: Record<string, unknown> },
  ): Promise<string[]> {
    const now = Date.now();
    const newOffers = chosen.map((c) => ({
      id: randomUUID(), leadId: lead.id, parkId: c.parkId, rankingId: ranking.id, score: c.score, rank: c.rank,
      reasons: ranking.results.find((x) => x.parkId === c.parkId)!.reasons,
      respondBy: new Date(now + this.policy.respondWithinHours * HOUR),
      assessBy: new Date(now + this.policy.assessWithinHours * HOUR),
    }));
    const ids = new Set(await r.offers.insertMany(newOffers));
    await r.leads.update(lead.id, { status: event.status, review_reason: null });
    await r.leads.addEvent(lead.id, event.kind, event.actor, event.data);
    await notify(r, newOffers.filter((o) => ids.has(o.id)).map((o) => ({
      recipientKind: 'park' as const, recipientId: o.parkId, kind: 'offer', leadId: lead.id, offerId: o.id,
      title: `新的招商线索推荐（匹配度 ${Math.round(o.score * 100)}%）`,
      body: `${lead.primary_sector ?? lead.sector_redacted ?? '未分类'}项目，请在 ${this.policy.respondWithinHours} 小时内答复是否接洽。`,
    })));
    return [...ids];
  }
}
