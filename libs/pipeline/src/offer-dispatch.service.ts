import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from '#queues';
import { loadDistributionPolicy } from '#catalog';
import { selectOfferParks, type TakenMatch } from '#domain';
import { type Settled } from '#queues';
import { LEAD_STATUS, OFFER_STATUS, REVIEW_REASON, UnitOfWork, type LeadRow, type OfferRow, type RankingRow, type Repositories } from '#persistence';
import { DomainError } from '#errors';
import { describeFirstReport, holdingProjects } from './duplicate-detector.js';
import { MANAGER_INBOX, notify } from './notices.js';

export type ShareOutcome = 'offered' | 'review' | 'already-shared' | 'stale-ranking' | 'already-accepted' | 'closed' | 'held' | 'already-held';

const HOUR = 3600_000;

/** The `distribute-lead` job: applies config/distribution-policy.json to a stored ranking. */
@Injectable()
export class OfferDispatchService {
  readonly policy = loadDistributionPolicy();

  constructor(private readonly uow: UnitOfWork) {}

  async share(leadId: string, rankingId: string): Promise<ShareOutcome> {
    const [outcome] = await this.shareMany([{ leadId, rankingId }]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.value;
  }

  /** Many distribute-lead jobs in one transaction (joins the caller's); one outcome per item, in order. */
  async shareMany(items: { leadId: string; rankingId: string }[]): Promise<Settled<ShareOutcome>[]> {
    return this.uow.transaction(async (r) => {
      const leads = new Map((await r.leads.findManyForUpdate([...new Set(items.map((i) => i.leadId))])).map((l) => [l.id, l]));
      const rankings = new Map((await r.rankings.findMany([...new Set(items.map((i) => i.rankingId))])).map((x) => [x.id, x]));
      return this.shareLocked(r, items.map((i) => ({ ...i, lead: leads.get(i.leadId), ranking: rankings.get(i.rankingId) })));
    });
  }

  /**
   * The distribute-lead rule for leads already locked by the caller's transaction (the scoring job shares a new lead in
   * its own transaction): set-based for the common case (offers, statuses, events, notices in a few statements for
   * the whole batch); a lead held as 疑似撞车 takes its own few statements.
   */
  async shareLocked(r: Repositories, items: { leadId: string; rankingId: string; lead?: LeadRow; ranking?: Pick<RankingRow, 'id' | 'results' | 'no_fit'> }[]): Promise<Settled<ShareOutcome>[]> {
    const out: Settled<ShareOutcome>[] = new Array(items.length);
    const done = (i: number, value: ShareOutcome) => (out[i] = { ok: true, value });
    const seen = new Set<string>();
    let live: { i: number; lead: LeadRow; ranking: Pick<RankingRow, 'id' | 'results' | 'no_fit'> }[] = [];
    items.forEach(({ leadId, rankingId, lead, ranking }, i) => {
      if (!lead) out[i] = { ok: false, error: new UnrecoverableError(`lead ${leadId} does not exist`) };
      else if (lead.current_ranking_id !== rankingId) done(i, 'stale-ranking');
      else if (lead.status === LEAD_STATUS.accepted) done(i, 'already-accepted');
      else if (lead.status === LEAD_STATUS.closed) done(i, 'closed');
      else if (!ranking) out[i] = { ok: false, error: new UnrecoverableError(`ranking ${rankingId} does not exist`) };
      else if (seen.has(leadId)) done(i, 'already-shared');
      else {
        seen.add(leadId);
        live.push({ i, lead, ranking });
      }
    });
    if (!live.length) return out;
    const offersOf = await r.offers.forLeads(live.map((x) => x.lead.id));
    live = live.filter((x) => !(offersOf.get(x.lead.id) ?? []).some((o) => o.ranking_id === x.ranking.id) || !done(x.i, 'already-shared'));

    const holds = await holdingProjects(r, live.map((x) => x.lead));
    for (const x of live.filter((x) => holds.has(x.lead.id))) done(x.i, await this.hold(r, x.lead, x.ranking.id, holds.get(x.lead.id)!, offersOf.get(x.lead.id) ?? []));
    live = live.filter((x) => !holds.has(x.lead.id));
    // A replay whose outcome wrote no offer of this ranking (sent to review, or every chosen park kept its open offer
    // after a rescore) is known by the history entry it wrote.
    const recorded = (status: string, kind: string) =>
      r.leads.withRankingEvent(live.filter((x) => x.lead.status === status).map((x) => ({ leadId: x.lead.id, rankingId: x.ranking.id })), kind);
    const reviewed = await recorded(LEAD_STATUS.review, 'sent-to-review');
    const shared = await recorded(LEAD_STATUS.shared, 'shared');
    live = live.filter((x) => !(reviewed.has(x.lead.id) || shared.has(x.lead.id)) || !done(x.i, 'already-shared'));

    const withdraw: string[] = [];
    const review: { i: number; lead: LeadRow; why: 'no-fit' | 'below-threshold'; rankingId: string }[] = [];
    const offered: Parameters<OfferDispatchService['offerMany']>[1] = [];
    for (const { i, lead, ranking } of live) {
      const selection = selectOfferParks(ranking.results, lead.origin_board_id, ranking.no_fit, this.policy);
      const existingOpen = (offersOf.get(lead.id) ?? []).filter((o) => o.status === OFFER_STATUS.open);
      const chosen = selection.kind === 'review' ? [] : selection.parks;
      // A rescore keeps the open offers of parks still chosen and withdraws the rest.
      const keep = new Set(existingOpen.filter((o) => chosen.some((c) => c.parkId === o.park_id)).map((o) => o.park_id));
      withdraw.push(...existingOpen.filter((o) => !keep.has(o.park_id)).map((o) => o.id));
      if (selection.kind === 'review') {
        review.push({ i, lead, why: selection.why === 'no-fit' ? 'no-fit' : 'below-threshold', rankingId: ranking.id });
        done(i, 'review');
      } else {
        offered.push({ lead, ranking, chosen: chosen.filter((c) => !keep.has(c.parkId)), event: { status: LEAD_STATUS.shared, kind: 'shared', actor: 'system', data: { rankingId: ranking.id, mode: selection.kind, parks: chosen.map((c) => c.parkId) } } });
        done(i, 'offered');
      }
    }
    await r.offers.withdrawMany(withdraw, 'system:rescore');
    await r.leads.updateMany(review.map((x) => ({ id: x.lead.id, status: LEAD_STATUS.review, review_reason: x.why === 'no-fit' ? REVIEW_REASON.noFit : REVIEW_REASON.belowThreshold })));
    await r.leads.addEvents(review.map((x) => ({ leadId: x.lead.id, kind: 'sent-to-review', actor: 'system', data: { rankingId: x.rankingId, why: x.why } })));
    await notify(r, review.map((x) => ({
      recipientKind: 'manager' as const, recipientId: MANAGER_INBOX, kind: 'no-fit', leadId: x.lead.id,
      title: `线索 ${x.lead.code} 无匹配园区，待人工研判`,
      body: x.why === 'no-fit' ? '推荐引擎判断没有园区的主攻方向覆盖该项目。' : '所有园区的匹配度均低于共享门槛。',
    })));
    await this.offerMany(r, offered);
    return out;
  }

  /** 疑似撞车 (same company as another board's taken project): held for the manager, open offers withdrawn. */
  private async hold(r: Repositories, lead: LeadRow, rankingId: string, hold: TakenMatch, leadOffers: OfferRow[]): Promise<ShareOutcome> {
    if (lead.status === LEAD_STATUS.review && lead.review_reason === REVIEW_REASON.duplicate) return 'already-held';
    await r.offers.withdrawMany(leadOffers.filter((o) => o.status === OFFER_STATUS.open).map((o) => o.id), 'system:duplicate-hold');
    await r.leads.update(lead.id, { status: LEAD_STATUS.review, review_reason: REVIEW_REASON.duplicate });
    await r.leads.addEvent(lead.id, 'duplicate-held', 'system', { rankingId, duplicateId: hold.duplicateId, firstReport: hold });
    const boards = new Map((await r.parks.listBoards()).map((b) => [b.id, b.name]));
    const first = describeFirstReport(hold, (id) => boards.get(id) ?? id);
    await notify(r, [
      { recipientKind: 'manager', recipientId: MANAGER_INBOX, kind: 'duplicate-held', leadId: lead.id, title: `线索 ${lead.code} 疑似撞车，已暂停推送`, body: `与 ${first} 为同一企业，请在「项目撞车」中裁定首报。` },
      { recipientKind: 'board', recipientId: lead.origin_board_id, kind: 'duplicate-held', leadId: lead.id, title: `线索 ${lead.code} 疑似撞车，待市科技局裁定`, body: `该企业已由 ${first} 在先报送并被园区接收，线索暂不推送，裁定前两条报送均保留。` },
    ]);
    return 'held';
  }

  /**
   * The manager's 待研判 desk: sends a lead from the review list to parks the manager chose, with the scores of its
   * current ranking and the usual clocks; the same offers, notices and history as the distribute-lead job makes.
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
      const [ids] = await this.offerMany(r, [{ lead, ranking, chosen, event: { status: LEAD_STATUS.shared, kind: 'sent-by-manager', actor, data: { rankingId: ranking.id, parks: parkIds, note: note ?? null } } }]);
      return { leadId, status: LEAD_STATUS.shared, offers: ids!.length, parks: chosen.map((c) => ({ parkId: c.parkId, park: c.park, score: c.score })) };
    });
  }

  /** Writes offers (with both clocks), the leads' new status and history, and a notice to each park: a few statements for all leads. */
  private async offerMany(
    r: Repositories,
    list: { lead: LeadRow; ranking: Pick<RankingRow, 'id' | 'results'>; chosen: { parkId: string; score: number; rank: number }[]; event: { status: string; kind: string; actor: string; data: Record<string, unknown> } }[],
  ): Promise<string[][]> {
    if (!list.length) return [];
    const now = Date.now();
    const perLead = list.map(({ lead, ranking, chosen }) => chosen.map((c) => ({
      id: randomUUID(), leadId: lead.id, parkId: c.parkId, rankingId: ranking.id, score: c.score, rank: c.rank,
      reasons: ranking.results.find((x) => x.parkId === c.parkId)!.reasons,
      respondBy: new Date(now + this.policy.respondWithinHours * HOUR),
      assessBy: new Date(now + this.policy.assessWithinHours * HOUR),
    })));
    const ids = new Set(await r.offers.insertMany(perLead.flat()));
    await r.leads.updateMany(list.map(({ lead, event }) => ({ id: lead.id, status: event.status, review_reason: null })));
    await r.leads.addEvents(list.map(({ lead, event }) => ({ leadId: lead.id, kind: event.kind, actor: event.actor, data: event.data })));
    await notify(r, list.flatMap(({ lead }, k) => perLead[k]!.filter((o) => ids.has(o.id)).map((o) => ({
      recipientKind: 'park' as const, recipientId: o.parkId, kind: 'offer', leadId: lead.id, offerId: o.id,
      title: `新的招商线索推荐（匹配度 ${Math.round(o.score * 100)}%）`,
      body: `${lead.primary_sector ?? lead.sector_redacted ?? '未分类'}项目，请在 ${this.policy.respondWithinHours} 小时内答复是否接洽。`,
    }))));
    return perLead.map((offers) => offers.filter((o) => ids.has(o.id)).map((o) => o.id));
  }
}
