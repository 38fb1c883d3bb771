import { Injectable } from '@nestjs/common';
import { actorName, canMoveStage, DECLINE_REASONS, isSignedStage, isStage, nextStages, operatesPark, type DeclineReason, type Stage, type Viewer } from '#domain';
import { LEAD_STATUS, OFFER_STATUS, REVIEW_REASON, UnitOfWork } from '#persistence';
import { describeFirstReport, holdingProject } from './duplicate-detector.js';
import { DomainError, forbidden } from '#errors';
import { MatcherService } from './matcher.service.js';
import { MANAGER_INBOX, notify } from './notices.js';
import { SharingLedgerService } from './sharing-ledger.service.js';

@Injectable()
export class OfferDecisionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sharing: SharingLedgerService,
    private readonly matchers: MatcherService,
  ) {}

  /**
   * Only the park's own operator decides for it; the actor stamped on the record is that user. A plain
   * string is a trusted in-process caller (demo data, jobs) named as the actor; HTTP handlers always
   * pass the signed-in user.
   */
  private operatorOf(parkId: string, viewer: Viewer | string): string {
    if (typeof viewer === 'string') return viewer;
    if (!operatesPark(viewer, parkId)) throw forbidden(`只有园区 ${parkId} 的运营账号可以处理它的推荐与项目阶段`);
    return actorName(viewer);
  }

  /**
   * The first acceptance wins: the lead row is locked, so of two parks accepting at once one gets
   * the lead and the other a 409; every other open offer is withdrawn.
   */
  async accept(parkId: string, offerId: string, viewer: Viewer | string) {
    const actor = this.operatorOf(parkId, viewer);
    const result = await this.uow.transaction(async (r) => {
      const offer = await r.offers.findForPark(parkId, offerId);
      if (!offer) throw new DomainError('OFFER_NOT_FOUND', `园区 ${parkId} 没有编号为 ${offerId} 的推荐`);
      const lead = (await r.leads.findForUpdate(offer.lead_id))!;
      const current = (await r.offers.findForPark(parkId, offerId))!;
      if (lead.status === LEAD_STATUS.accepted) throw new DomainError('LEAD_ALREADY_ACCEPTED', `该线索已被${lead.accepted_park_id === parkId ? '本园区' : '其他园区'}接收，推荐已撤回`);
      if (current.status !== OFFER_STATUS.open) throw new DomainError('OFFER_ALREADY_DECIDED', `该推荐已处理（状态：${current.status}），不能再接收`);
      // Offered before the other board's report was taken: the same 疑似撞车 rule as at sharing time.
      const hold = await holdingProject(r, lead);
      if (hold) {
        const boards = new Map((await r.parks.listBoards()).map((b) => [b.id, b.name]));
        throw new DomainError('DUPLICATE_ON_HOLD', `该项目疑似撞车：同一企业已由 ${describeFirstReport(hold, (id) => boards.get(id) ?? id)} 在先报送并被接收，请待市科技局在「项目撞车」中裁定后再处理`);
      }
      await r.offers.decide(offerId, { status: OFFER_STATUS.accepted, decidedBy: actor });
      const withdrawn = await r.offers.withdrawOthers(lead.id, offerId, 'system:accepted-elsewhere');
      await r.leads.update(lead.id, { status: LEAD_STATUS.accepted, stage: '洽谈', accepted_park_id: parkId });
      await r.leads.addEvent(lead.id, 'accepted', actor, { parkId, offerId, withdrawn });
      const park = (await r.parks.findPark(parkId))!;
      const sharingRecordId = await this.sharing.proposeOnAccept(r, { lead, offerId, park, actor });
      await notify(r, [
        { recipientKind: 'board', recipientId: lead.origin_board_id, kind: 'accepted', leadId: lead.id, offerId, title: `线索 ${lead.code} 已被 ${park.name} 接收`, body: '项目进入洽谈阶段。' },
        ...(park.board.id !== lead.origin_board_id
          ? [{ recipientKind: 'manager' as const, recipientId: MANAGER_INBOX, kind: 'cross-board', leadId: lead.id, offerId, title: `跨板块承接：${lead.code}`, body: `${park.name} 承接了 ${lead.origin_board_id} 报送的项目，已生成利益共享记录，待双方板块确认、市科技局审批，签约后生效。` }]
          : []),
      ]);
      return { leadId: lead.id, offerId, parkId, stage: '洽谈' as Stage, withdrawn: withdrawn.length, crossBoard: park.board.id !== lead.origin_board_id, sharingRecordId };
    });
    this.matchers.outcomesChanged();
    return result;
  }

  async decline(parkId: string, offerId: string, viewer: Viewer | string, reason: string, note?: string) {
    const actor = this.operatorOf(parkId, viewer);
    if (!(reason in DECLINE_REASONS)) throw new DomainError('INVALID_DECLINE_REASON', `拒绝原因代码 ${reason} 无效，可选：${Object.entries(DECLINE_REASONS).map(([k, v]) => `${k}（${v}）`).join('、')}`);
    const result = await this.uow.transaction(async (r) => {
      const offer = await r.offers.findForPark(parkId, offerId);
      if (!offer) throw new DomainError('OFFER_NOT_FOUND', `园区 ${parkId} 没有编号为 ${offerId} 的推荐`);
      const lead = (await r.leads.findForUpdate(offer.lead_id))!;
      const changed = await r.offers.decide(offerId, { status: OFFER_STATUS.declined, decidedBy: actor, declineReason: reason, declineNote: note ?? null });
      if (!changed) throw new DomainError('OFFER_ALREADY_DECIDED', '该推荐已处理，不能再拒绝');
      await r.leads.addEvent(lead.id, 'declined', actor, { parkId, offerId, reason: reason as DeclineReason, note: note ?? null });
      const open = await r.offers.countOpen(lead.id);
      if (open === 0 && lead.status !== LEAD_STATUS.accepted) {
        await r.leads.update(lead.id, { status: LEAD_STATUS.review, review_reason: REVIEW_REASON.allDeclined });
        await r.leads.addEvent(lead.id, 'sent-to-review', 'system', { why: 'all-declined' });
        await notify(r, [{ recipientKind: 'manager', recipientId: MANAGER_INBOX, kind: 'all-declined', leadId: lead.id, title: `线索 ${lead.code} 被所有推荐园区拒绝`, body: '请人工研判是否转推其他园区。' }]);
      }
      return { leadId: lead.id, offerId, openOffersLeft: open };
    });
    this.matchers.outcomesChanged();
    return result;
  }

  /** Moves an accepted lead along 洽谈 → 签约 → 开工 → 投产 (or 暂停 / 终止); only the accepting park may. */
  async moveStage(parkId: string, leadId: string, to: string, viewer: Viewer | string, note?: string) {
    const actor = this.operatorOf(parkId, viewer);
    if (!isStage(to)) throw new DomainError('INVALID_STAGE', `阶段 ${to} 无效，可选：洽谈、签约、开工、投产、暂停、终止`);
    return this.uow.transaction(async (r) => {
      const lead = await r.leads.findForUpdate(leadId);
      if (!lead || lead.accepted_park_id !== parkId) throw new DomainError('LEAD_NOT_FOUND', `园区 ${parkId} 没有已接收的线索 ${leadId}`);
      const from = lead.stage as Stage;
      if (!canMoveStage(from, to, lead.paused_from)) {
        const resume = from === '暂停' && lead.paused_from ? `（暂停的项目只能恢复到暂停前的「${lead.paused_from}」）` : '';
        throw new DomainError('STAGE_NOT_ALLOWED', `不能从「${from}」直接进入「${to}」${resume}；当前可选：${nextStages(from, lead.paused_from).join('、') || '无（已结束）'}`);
      }
      await r.leads.update(leadId, { stage: to, paused_from: to === '暂停' ? from : null });
      await r.leads.addEvent(leadId, 'stage', actor, { from, to, note: note ?? null });
      // Signing is idempotent: any move that leaves the project at 签约 or later makes its sharing record effective.
      if (isSignedStage(to)) await this.sharing.signOnStage(r, { leadId, parkId, actor, at: new Date() });
      return { leadId, from, to, at: new Date() };
    });
  }
}
