import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { loadSharingPolicy } from '#catalog';
import { chinaDate } from '#domain';
import { DomainError, invalid } from '#errors';
import { UnitOfWork, type LeadRow, type ParkView, type Repositories } from '#persistence';
import {
  INDICATOR_NAMES,
  defaultTerms,
  isIsoDate,
  proposeSharingRecord,
  transition,
  validateTerms,
  type Actor,
  type Indicator,
  type TermsInput,
  type SharingEvent,
  type SharingPolicy,
  type SharingRecord,
  type TransitionResult,
  type ValidatedTerms,
} from '#sharing';
import { resolveActor, type ActorClaim } from './sharing-actors.js';
import { fromDatabase, RELOAD, sharingFailure } from './sharing-failures.js';
import { notifyParties, notifyStep } from './sharing-notices.js';
import { indicatorValueView, loadRecord, SharingLedgerViews } from './sharing-views.service.js';

/**
 * The benefit-sharing ledger's commands (利益共享, issue 6) on top of the pure rules in libs/sharing: it
 * loads a record, lets `transition` decide, and writes the result with compare-and-set plus one history
 * entry in the same transaction. A lost race is a 409 asking to reload; nothing is retried behind the
 * person's back (they may have acted on terms that changed meanwhile). Reads: SharingLedgerViews.
 */

export interface IndicatorValueInput {
  indicator: Indicator;
  periodFrom: string;
  periodTo: string;
  /** 元, a non-negative integer (a string for amounts past 2^53 is refused: totals are exact numbers). */
  amountYuan: number;
  note?: string;
}

const SYSTEM: Actor = Object.freeze({ role: 'admin', id: 'system', name: '系统' });

@Injectable()
export class SharingLedgerService {
  /** config/sharing-policy.json, validated at start: a bad policy file stops the process with the field's name. */
  readonly policy: SharingPolicy = loadSharingPolicy();

  constructor(private readonly uow: UnitOfWork, private readonly views: SharingLedgerViews) {}

  // ── inside the pipeline's own transactions ─────────────────────────────────────────────────────────

  /**
   * Called by OfferDecisionService.accept in its transaction, after the offer and lead were marked accepted.
   * Proposes a record with the policy's default terms when the park's board is not the lead's origin board;
   * returns its id, or null for a lead taken inside its own board.
   */
  async proposeOnAccept(r: Repositories, a: { lead: LeadRow; offerId: string; park: ParkView; actor: string }): Promise<string | null> {
    const { lead, park } = a;
    if (park.board.id === lead.origin_board_id) return null;
    const terms = defaultTerms(this.policy, lead.origin_board_id, park.board.id);
    if (!terms.ok) throw sharingFailure(terms.errors);
    const actor: Actor = { role: 'park_operator', id: a.actor, name: a.actor, parkId: park.id, boardId: park.board.id };
    const res = proposeSharingRecord(
      {
        id: randomUUID(),
        offer: { id: a.offerId, leadId: lead.id, status: 'accepted' },
        lead: { id: lead.id, originBoardId: lead.origin_board_id, submittedBy: lead.submitter, projectName: projectName(lead) },
        receivingPark: { id: park.id, boardId: park.board.id },
        terms: terms.value,
      },
      actor,
      new Date().toISOString(),
    );
    if (!res.ok) throw sharingFailure([res.error]);
    await r.sharingRecords.insert(res.record);
    await r.sharingRecords.appendHistory(res.record, res.entry);
    const names = await this.views.names(r);
    await notifyParties(r, res.record, 'sharing-proposed', `利益共享记录待确认：${res.record.projectName}`,
      `${names.park(park.id) ?? park.id} 承接了 ${names.board(lead.origin_board_id) ?? lead.origin_board_id} 报送的项目，已按默认规则（${this.policy.policyVersion}）生成利益共享记录，请双方板块确认。`);
    return res.record.id;
  }

  /** Called by OfferDecisionService.moveStage in its transaction when the project reaches 签约. */
  async signOnStage(r: Repositories, s: { leadId: string; parkId: string; actor: string; at: Date }): Promise<string[]> {
    const park = await r.parks.findPark(s.parkId);
    if (!park) return [];
    const actor: Actor = { role: 'park_operator', id: s.actor, name: s.actor, parkId: park.id, boardId: park.board.id };
    const signed: string[] = [];
    for (const record of await r.sharingRecords.forLead(s.leadId)) {
      // A rejected version gets its date when it is edited and approved again (see catchUpSigning).
      if (record.signedOn || record.status === 'rejected') continue;
      const res = transition(record, { type: 'sign', signedOn: chinaDate(s.at) }, actor, s.at.toISOString());
      if (!res.ok) throw sharingFailure([res.error]);
      await this.write(r, record, res);
      signed.push(record.id);
      if (res.record.status === 'effective')
        await notifyParties(r, res.record, 'sharing-effective', `利益共享记录已生效：${record.projectName}`, `项目于 ${res.record.signedOn} 签约，经批准的利益共享记录自此生效。`, true);
    }
    return signed;
  }

  // ── review steps ────────────────────────────────────────────────────────────────────────────────────

  confirm(id: string, claim: ActorClaim, o: { comment?: string; expectedRevision?: number } = {}) {
    return this.step(id, claim, () => ({ type: 'confirm', comment: o.comment, expectedRevision: o.expectedRevision }));
  }

  approve(id: string, claim: ActorClaim, o: { comment?: string; expectedRevision?: number } = {}) {
    return this.step(id, claim, () => ({ type: 'approve', comment: o.comment, expectedRevision: o.expectedRevision }));
  }

  reject(id: string, claim: ActorClaim, o: { comment: string; expectedRevision?: number }) {
    return this.step(id, claim, () => ({ type: 'reject', comment: o.comment, expectedRevision: o.expectedRevision }));
  }

  /** Replaces the terms (negotiated agreement, or back to the policy defaults); both confirmations start over. */
  editTerms(id: string, claim: ActorClaim, o: { terms: TermsInput; comment?: string; expectedRevision?: number }) {
    return this.step(id, claim, (record) => ({ type: 'edit_terms', terms: this.terms(record, o.terms), comment: o.comment, expectedRevision: o.expectedRevision }));
  }

  /** A new version of an approved record, referring to it; the approved one is never touched. */
  amend(id: string, claim: ActorClaim, o: { terms: TermsInput; reason: string; expectedRevision?: number }) {
    return this.step(id, claim, (record) => ({ type: 'amend', newId: randomUUID(), terms: this.terms(record, o.terms), reason: o.reason, expectedRevision: o.expectedRevision }));
  }

  /** Records the project's indicator values (元) per period; the receiving park's operator or the manager. */
  async recordIndicators(id: string, claim: ActorClaim, values: IndicatorValueInput[]) {
    const actor = await this.uow.read((r) => resolveActor(r, claim));
    const record = await this.uow.read((r) => loadRecord(r, id, actor));
    if (!(actor.role === 'manager' || actor.role === 'admin' || (actor.role === 'park_operator' && actor.parkId === record.receivingParkId)))
      throw new DomainError('INDICATOR_VALUE_FORBIDDEN', '指标数值由承接园区或市科技局管理员填报：请由承接园区运营人员或管理员录入。');
    if (!values.length) throw invalid('请至少填写一项指标数值');
    const problems: { field?: string; message: string }[] = [];
    values.forEach((v, n) => {
      const name = INDICATOR_NAMES[v.indicator];
      if (!isIsoDate(v.periodFrom) || !isIsoDate(v.periodTo) || v.periodFrom > v.periodTo)
        problems.push({ field: `values.${n}`, message: `「${name}」的期间无效（${v.periodFrom} 至 ${v.periodTo}）：请填写起止日期，且起始不晚于结束。` });
      if (!Number.isSafeInteger(v.amountYuan) || v.amountYuan < 0)
        problems.push({ field: `values.${n}`, message: `「${name}」金额须为非负整数（元），收到 ${v.amountYuan}。` });
    });
    if (problems.length) throw invalid(problems.map((p) => p.message).join('；'), problems);
    const at = new Date().toISOString();
    await this.uow.transaction(async (r) => {
      for (const v of values)
        await r.sharingRecords.upsertValue({
          id: randomUUID(),
          lineageId: record.lineageId,
          indicator: v.indicator,
          periodFrom: v.periodFrom,
          periodTo: v.periodTo,
          amountYuan: BigInt(v.amountYuan),
          note: v.note?.trim() || null,
          enteredBy: { ...actor },
          enteredAt: at,
        });
    });
    return { lineageId: record.lineageId, values: (await this.uow.read((r) => r.sharingRecords.values([record.lineageId]))).map(indicatorValueView) };
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────

  private terms(record: SharingRecord, input: TermsInput): ValidatedTerms {
    const res =
      'defaults' in input
        ? defaultTerms(this.policy, record.originBoardId, record.receivingBoardId)
        : validateTerms(input.negotiated, this.policy, { originBoardId: record.originBoardId, receivingBoardId: record.receivingBoardId });
    if (!res.ok) throw sharingFailure(res.errors);
    return res.value;
  }

  /** One review step: load, let the rules decide, write with compare-and-set and history, notify. */
  private async step(id: string, claim: ActorClaim, make: (record: SharingRecord) => SharingEvent) {
    const actor = await this.uow.read((r) => resolveActor(r, claim));
    const outcome = await this.uow.transaction(async (r) => {
      const record = await loadRecord(r, id, actor);
      const event = make(record);
      const res = transition(record, event, actor, new Date().toISOString());
      if (!res.ok) throw sharingFailure([res.error]);
      let current = await this.write(r, record, res);
      current = await this.catchUpSigning(r, current);
      await notifyStep(r, event.type, current, actor);
      return current;
    }).catch((e: unknown) => (e instanceof DomainError ? Promise.reject(e) : fromDatabase(e)));
    return this.views.get(outcome.id);
  }

  /** Writes a transition's result: CAS update (or insert of an amendment) plus its history entry. */
  private async write(r: Repositories, before: SharingRecord, res: Extract<TransitionResult, { ok: true }>): Promise<SharingRecord> {
    if (res.record.id === before.id) {
      if (!(await r.sharingRecords.compareAndSet(res.record, before.revision))) throw new DomainError('STALE_REVISION', RELOAD);
    } else {
      await r.sharingRecords.insert(res.record);
    }
    await r.sharingRecords.appendHistory(res.record, res.entry);
    return res.record;
  }

  /** A version approved (or re-proposed) after the project was signed gets the 签约 date the lead already has. */
  private async catchUpSigning(r: Repositories, record: SharingRecord): Promise<SharingRecord> {
    if (record.signedOn || record.status === 'rejected') return record;
    const signed = (await r.sharingRecords.stageDates([record.leadId])).find((d) => d.stage === '签约');
    if (!signed) return record;
    const at = new Date().toISOString();
    const res = transition(record, { type: 'sign', signedOn: chinaDate(new Date(signed.at)) }, SYSTEM, at);
    if (!res.ok) return record;
    return this.write(r, record, res);
  }

}

/** The record's name: the company (both parties see it once a park accepted), else the de-identified text. */
function projectName(lead: LeadRow): string {
  if (lead.company) return lead.company;
  const d = lead.description_redacted.trim();
  return `${lead.code} ${d.length > 30 ? d.slice(0, 30) + '…' : d}`;
}

