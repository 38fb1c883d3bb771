import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { configDir } from '#catalog';
import { type LeadRow, type ParkView, type RecipientKind, type SharingHistoryRow, type SharingIndicatorValueRow, type SharingRecordRow, type SharingRecordWrite, UnitOfWork, type Repositories } from '#persistence';
import {
  INDICATORS,
  INDICATOR_NAMES,
  MAX_PAGE_SIZE,
  STATUS_NAMES,
  EVENT_NAMES,
  computeSharingTotals,
  defaultTerms,
  displayStatus,
  isIsoDate,
  parseSharingPolicy,
  proposeSharingRecord,
  queryRecords,
  reconcileTotals,
  recordsTable,
  revenueShareSchedule,
  transition,
  validateTerms,
  type Actor,
  type Confirmation,
  type Decision,
  type DisplayStatus,
  type ExportTable,
  type HistoryEntry,
  type Indicator,
  type NegotiatedTermsInput,
  type RecordFilter,
  type RecordStatus,
  type SharingError,
  type SharingEvent,
  type SharingPolicy,
  type SharingRecord,
  type SharingTerms,
  type TotalsItem,
  type TransitionResult,
  type ValidatedTerms,
} from '#sharing';
import { canSeeSharingRecord } from '#domain';
import { DomainError, ERROR_CODES, invalid } from '#errors';
import { MANAGER_INBOX, notify } from './notices.js';

/**
 * The benefit-sharing ledger (利益共享, issue 6) on top of the pure rules in libs/sharing:
 * it loads a record, lets `transition` decide, and writes the result with compare-and-set plus one
 * history entry in the same transaction. A lost race is a 409 asking to reload; nothing is retried
 * behind the person's back (they may have acted on terms that changed meanwhile).
 */

/** Who claims to act. Until sign-in exists the API takes it from the body; park operators' board is looked up. */
export interface ActorClaim {
  role: 'promoter' | 'park_operator' | 'manager' | 'admin';
  id: string;
  name?: string;
  boardId?: string;
  parkId?: string;
}

export interface RecordListFilter {
  boardId?: string;
  boardSide?: 'origin' | 'receiving' | 'either';
  parkId?: string;
  statuses?: DisplayStatus[];
  from?: string;
  to?: string;
  periodBasis?: 'proposed' | 'signed' | 'decided';
  includeSuperseded?: boolean;
}

export interface IndicatorValueInput {
  indicator: Indicator;
  periodFrom: string;
  periodTo: string;
  /** 元, a non-negative integer (a string for amounts past 2^53 is refused: totals are exact numbers). */
  amountYuan: number;
  note?: string;
}

export type TermsInput = { defaults: true } | { negotiated: NegotiatedTermsInput };

const SYSTEM: Actor = Object.freeze({ role: 'admin', id: 'system', name: '系统' });

/**
 * libs/sharing's typed errors as one DomainError that keeps their codes: the first code that is not a plain
 * input error (a stale revision, a wrong role) is the answer's code, each problem keeps its own in `details`.
 */
export function sharingFailure(errors: readonly SharingError[]): DomainError {
  const code = (errors.find((e) => ERROR_CODES[e.code].status !== 400) ?? errors[0])?.code ?? 'INVALID_INPUT';
  return new DomainError(
    code,
    errors.map((e) => e.message).join('；'),
    errors.map((e) => ({ code: e.code, ...(e.indicator ? { field: e.indicator } : {}), message: e.message })),
  );
}

const RELOAD = '记录已被他人同时修改，本次操作未保存：请刷新后查看最新状态再操作。';

/** Database refusals that a person caused by racing someone else (or that the data rules caught) are 409s. */
function fromDatabase(e: unknown): never {
  const code = (e as { code?: string }).code;
  if (code === '23505') throw new DomainError('CONCURRENT_CHANGE', `${RELOAD}（同一版本已存在：可能有人同时发起了变更。）`);
  if (code === '40001' || code === '40P01') throw new DomainError('CONCURRENT_CHANGE', RELOAD);
  if (code === '23514') throw new DomainError('DATA_RULE_REFUSED', `数据规则拒绝了本次写入（${(e as Error).message}）：请刷新后重试。`);
  throw e;
}

/** Calendar date in Nantong for an instant. */
export function chinaDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function loadSharingPolicy(dir: string = configDir()): SharingPolicy {
  return parseSharingPolicy(JSON.parse(readFileSync(join(dir, 'sharing-policy.json'), 'utf8')));
}

export function toSharingRecord(row: SharingRecordRow): SharingRecord {
  return Object.freeze({
    id: row.id,
    lineageId: row.lineage_id,
    version: row.version,
    supersedes: row.supersedes,
    revision: row.revision,
    offerId: row.offer_id,
    leadId: row.lead_id,
    projectName: row.project_name,
    originBoardId: row.origin_board_id,
    submittedBy: row.submitted_by,
    receivingParkId: row.receiving_park_id,
    receivingBoardId: row.receiving_board_id,
    terms: row.terms as unknown as SharingTerms,
    status: row.status as RecordStatus,
    proposedAt: row.proposed_at.toISOString(),
    proposedBy: row.proposed_by as unknown as Actor,
    originConfirmation: row.origin_confirmation as unknown as Confirmation | null,
    receiverConfirmation: row.receiver_confirmation as unknown as Confirmation | null,
    decision: row.decision as unknown as Decision | null,
    signedOn: row.signed_on,
    amendmentReason: row.amendment_reason,
  });
}

function toWrite(r: SharingRecord): SharingRecordWrite {
  return {
    ...r,
    terms: r.terms,
    proposedBy: r.proposedBy,
    decision: r.decision as SharingRecordWrite['decision'],
  };
}

function toHistory(row: SharingHistoryRow): HistoryEntry & { eventName: string } {
  return {
    recordId: row.record_id,
    revision: row.revision,
    event: row.event as HistoryEntry['event'],
    eventName: EVENT_NAMES[row.event as HistoryEntry['event']] ?? row.event,
    at: row.at.toISOString(),
    actor: row.actor as unknown as Actor,
    fromStatus: row.from_status as RecordStatus | null,
    toStatus: row.to_status as RecordStatus,
    comment: row.comment,
    details: row.details,
  };
}

interface Names {
  board: (id: string) => string | undefined;
  park: (id: string) => string | undefined;
}

@Injectable()
export class SharingLedgerService {
  /** config/sharing-policy.json, validated at start: a bad policy file stops the process with the field's name. */
  readonly policy: SharingPolicy = loadSharingPolicy();

  constructor(private readonly uow: UnitOfWork) {}

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
    await r.sharingRecords.insert(toWrite(res.record));
    await this.appendHistory(r, res.record, res.entry);
    const names = await this.names(r);
    await this.notifyParties(r, res.record, 'sharing-proposed', `利益共享记录待确认：${res.record.projectName}`,
      `${names.park(park.id) ?? park.id} 承接了 ${names.board(lead.origin_board_id) ?? lead.origin_board_id} 报送的项目，已按默认规则（${this.policy.policyVersion}）生成利益共享记录，请双方板块确认。`);
    return res.record.id;
  }

  /** Called by OfferDecisionService.moveStage in its transaction when the project reaches 签约. */
  async signOnStage(r: Repositories, s: { leadId: string; parkId: string; actor: string; at: Date }): Promise<string[]> {
    const park = await r.parks.findPark(s.parkId);
    if (!park) return [];
    const actor: Actor = { role: 'park_operator', id: s.actor, name: s.actor, parkId: park.id, boardId: park.board.id };
    const signed: string[] = [];
    for (const row of await r.sharingRecords.forLead(s.leadId)) {
      const record = toSharingRecord(row);
      // A rejected version gets its date when it is edited and approved again (see catchUpSigning).
      if (record.signedOn || record.status === 'rejected') continue;
      const res = transition(record, { type: 'sign', signedOn: chinaDate(s.at) }, actor, s.at.toISOString());
      if (!res.ok) throw sharingFailure([res.error]);
      await this.write(r, record, res);
      signed.push(record.id);
      if (res.record.status === 'effective')
        await this.notifyParties(r, res.record, 'sharing-effective', `利益共享记录已生效：${record.projectName}`, `项目于 ${res.record.signedOn} 签约，经批准的利益共享记录自此生效。`, true);
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
    const actor = await this.resolveActor(claim);
    const record = await this.uow.read((r) => this.load(r, id, actor));
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
    return { lineageId: record.lineageId, values: (await this.uow.read((r) => r.sharingRecords.values([record.lineageId]))).map(valueView) };
  }

  // ── manager views ───────────────────────────────────────────────────────────────────────────────────

  async list(filter: RecordListFilter, page: { page: number; pageSize: number }) {
    return this.uow.read(async (r) => {
      const [rows, names] = await Promise.all([r.sharingRecords.list({ boardId: filter.boardId, boardSide: filter.boardSide, parkId: filter.parkId }), this.names(r)]);
      const records = rows.map(toSharingRecord);
      const result = queryRecords(records, this.recordFilter(filter), page);
      return { ...result, items: result.items.map((i) => this.view(i.record, i.displayStatus, names)) };
    });
  }

  /** One record with its versions, history, values and schedule; `viewer` absent only for the ledger's own reads. */
  async get(id: string, o: { yearlyRevenue?: number[] } = {}, viewer?: ActorClaim) {
    return this.uow.read(async (r) => {
      const record = await this.load(r, id, viewer);
      const [lineageRows, history, names, values, confirmed] = await Promise.all([
        r.sharingRecords.lineage(record.lineageId),
        r.sharingRecords.history(record.lineageId),
        this.names(r),
        r.sharingRecords.values([record.lineageId]),
        r.duplicates.confirmedFor([record.leadId]),
      ]);
      const versions = lineageRows.map(toSharingRecord);
      const starts = await this.startDates(r, versions, values);
      const schedule = revenueShareSchedule(record, { startOn: starts.get(record.id)?.revenue ?? null, yearlyRevenue: o.yearlyRevenue });
      return {
        record: this.view(record, displayStatus(record, versions), names),
        versions: versions.map((v) => this.view(v, displayStatus(v, versions), names)),
        history: history.map(toHistory),
        values: values.map(valueView),
        schedule,
        // 首报 as the manager settled a 项目撞车 of this project: the record credits the origin board; a different first report says so.
        firstReports: confirmed.map((d) => {
          const boardName = names.board(d.first_report_board) ?? d.first_report_board;
          const agrees = d.first_report_board === record.originBoardId;
          return {
            duplicateId: d.id, firstReportLeadId: d.first_report_lead_id, firstReportCode: d.first_report_code, firstReportBoard: d.first_report_board,
            settledBy: d.settled_by, settledAt: d.settled_at, comment: d.comment, agreesWithOrigin: agrees,
            note: agrees
              ? `市科技局裁定首报为 ${d.first_report_code}（${boardName}），与本记录的来源板块一致。`
              : `市科技局裁定首报为 ${d.first_report_code}（${boardName}），与本记录的来源板块不同：请变更利益共享记录。`,
          };
        }),
      };
    });
  }

  /** Totals per board and indicator for a period: double (双算) and split (分算) credit apart, with the proof they reconcile. */
  async totals(period: { from: string; to: string }) {
    if (!isIsoDate(period.from) || !isIsoDate(period.to) || period.from > period.to)
      throw invalid(`统计期间无效（${period.from} 至 ${period.to}）：请填写起止日期（YYYY-MM-DD），且起始不晚于结束。`);
    return this.uow.read(async (r) => {
      const rows = await r.sharingRecords.allVersions();
      const records = rows.map(toSharingRecord);
      const lineageIds = [...new Set(records.map((x) => x.lineageId))];
      const [inPeriod, all, names] = await Promise.all([r.sharingRecords.values(lineageIds, period), r.sharingRecords.values(lineageIds), this.names(r)]);
      const starts = await this.startDates(r, records, all);
      const sums = new Map<string, Partial<Record<Indicator, bigint>>>();
      for (const v of inPeriod) {
        const m = sums.get(v.lineage_id) ?? {};
        m[v.indicator as Indicator] = (m[v.indicator as Indicator] ?? 0n) + BigInt(v.amount_yuan);
        sums.set(v.lineage_id, m);
      }
      const items: TotalsItem[] = records.map((record) => {
        const m = sums.get(record.lineageId) ?? {};
        const values: Partial<Record<Indicator, number>> = {};
        for (const i of INDICATORS) if (m[i] !== undefined) values[i] = Number(m[i]);
        return { record, values, creditStartOn: starts.get(record.id)?.credit ?? null };
      });
      const res = computeSharingTotals(items, period);
      if (!res.ok) throw sharingFailure(res.errors);
      const totals = res.value;
      return {
        period,
        boards: totals.boards.map((b) => ({ ...b, boardName: names.board(b.boardId) ?? b.boardId, indicatorName: INDICATOR_NAMES[b.indicator] })),
        city: totals.city.map((c) => ({ ...c, indicatorName: INDICATOR_NAMES[c.indicator] })),
        lines: totals.lines,
        countedRecordIds: totals.countedRecordIds,
        excluded: totals.excluded,
        reconciliation: reconcileTotals(totals, items),
      };
    });
  }

  /** The records of a filter as one export table (Chinese headers), every page. */
  async exportTable(filter: RecordListFilter): Promise<ExportTable> {
    return this.uow.read(async (r) => {
      const [rows, names] = await Promise.all([r.sharingRecords.list({ boardId: filter.boardId, boardSide: filter.boardSide, parkId: filter.parkId }), this.names(r)]);
      const records = rows.map(toSharingRecord);
      const f = this.recordFilter(filter);
      const picked: SharingRecord[] = [];
      const statuses = new Map<string, DisplayStatus>();
      for (let page = 1; ; page++) {
        const p = queryRecords(records, f, { page, pageSize: MAX_PAGE_SIZE });
        for (const i of p.items) {
          picked.push(i.record);
          statuses.set(i.record.id, i.displayStatus);
        }
        if (page >= p.pageCount) break;
      }
      return recordsTable(picked, names, statuses);
    });
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────

  /** Checks the claimed actor against the catalog: a promoter's board must exist, an operator's board is the park's. */
  async resolveActor(claim: ActorClaim): Promise<Actor> {
    const base = { id: claim.id, ...(claim.name ? { name: claim.name } : {}) };
    if (claim.role === 'manager' || claim.role === 'admin') return { role: claim.role, ...base };
    return this.uow.read(async (r) => {
      if (claim.role === 'promoter') {
        if (!claim.boardId) throw invalid('板块招商人员须注明所属板块（actor.boardId）');
        const boards = await r.parks.listBoards();
        if (!boards.some((b) => b.id === claim.boardId)) throw new DomainError('BOARD_UNKNOWN', `板块 ${claim.boardId} 不存在`);
        return { role: 'promoter', ...base, boardId: claim.boardId };
      }
      if (!claim.parkId) throw invalid('园区运营人员须注明所属园区（actor.parkId）');
      const park = await r.parks.findPark(claim.parkId);
      if (!park) throw new DomainError('PARK_UNKNOWN', `园区 ${claim.parkId} 不存在`);
      if (claim.boardId && claim.boardId !== park.board.id) throw invalid(`园区 ${park.name} 属于板块 ${park.board.id}，不是 ${claim.boardId}`);
      return { role: 'park_operator', ...base, parkId: park.id, boardId: park.board.id };
    });
  }

  private terms(record: SharingRecord, input: TermsInput): ValidatedTerms {
    const res =
      'defaults' in input
        ? defaultTerms(this.policy, record.originBoardId, record.receivingBoardId)
        : validateTerms(input.negotiated, this.policy, { originBoardId: record.originBoardId, receivingBoardId: record.receivingBoardId });
    if (!res.ok) throw sharingFailure(res.errors);
    return res.value;
  }

  /** A record the caller may not see is reported exactly like one that does not exist. */
  private async load(r: Repositories, id: string, viewer?: { role: string; boardId?: string; parkId?: string }): Promise<SharingRecord> {
    const row = await r.sharingRecords.find(id);
    const record = row ? toSharingRecord(row) : undefined;
    if (!record || (viewer && !canSeeSharingRecord(viewer, record))) throw new DomainError('SHARING_RECORD_NOT_FOUND', `利益共享记录 ${id} 不存在，或不在本账号可查看的范围内`);
    return record;
  }

  /** One review step: load, let the rules decide, write with compare-and-set and history, notify. */
  private async step(id: string, claim: ActorClaim, make: (record: SharingRecord) => SharingEvent) {
    const actor = await this.resolveActor(claim);
    const outcome = await this.uow.transaction(async (r) => {
      const record = await this.load(r, id, actor);
      const event = make(record);
      const res = transition(record, event, actor, new Date().toISOString());
      if (!res.ok) throw sharingFailure([res.error]);
      let current = await this.write(r, record, res);
      current = await this.catchUpSigning(r, current);
      await this.notifyStep(r, event.type, current, actor);
      return current;
    }).catch((e: unknown) => (e instanceof DomainError ? Promise.reject(e) : fromDatabase(e)));
    return this.get(outcome.id);
  }

  /** Writes a transition's result: CAS update (or insert of an amendment) plus its history entry. */
  private async write(r: Repositories, before: SharingRecord, res: Extract<TransitionResult, { ok: true }>): Promise<SharingRecord> {
    if (res.record.id === before.id) {
      if (!(await r.sharingRecords.compareAndSet(toWrite(res.record), before.revision))) throw new DomainError('STALE_REVISION', RELOAD);
    } else {
      await r.sharingRecords.insert(toWrite(res.record));
    }
    await this.appendHistory(r, res.record, res.entry);
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

  private async appendHistory(r: Repositories, record: SharingRecord, e: HistoryEntry): Promise<void> {
    await r.sharingRecords.appendHistory({ ...e, lineageId: record.lineageId, actor: { ...e.actor }, details: e.details });
  }

  private async notifyStep(r: Repositories, event: SharingEvent['type'], record: SharingRecord, actor: Actor): Promise<void> {
    const who = actor.name ?? actor.id;
    const p = record.projectName;
    if (event === 'confirm') {
      if (record.status === 'confirmed')
        await notify(r, [{ recipientKind: 'manager', recipientId: MANAGER_INBOX, kind: 'sharing-confirmed', leadId: record.leadId, offerId: record.offerId, title: `利益共享记录待审批：${p}`, body: '来源板块与承接板块均已确认，请审批。' }]);
      else await this.notifyParties(r, record, 'sharing-confirm', `利益共享记录已有一方确认：${p}`, `${who} 已确认，等待另一方板块确认。`);
    } else if (event === 'approve' || event === 'reject') {
      const verdict = event === 'approve' ? `已批准（${STATUS_NAMES[record.status]}）` : '已驳回';
      await this.notifyParties(r, record, `sharing-${event}`, `利益共享记录${verdict}：${p}`, `${who}：${record.decision?.comment || (event === 'approve' ? '同意' : '')}`);
    } else if (event === 'edit_terms') {
      await this.notifyParties(r, record, 'sharing-terms', `利益共享条款已修改：${p}`, `${who} 修改了条款，请双方板块重新确认。`, true);
    } else if (event === 'amend') {
      await this.notifyParties(r, record, 'sharing-amend', `利益共享记录发起变更（第 ${record.version} 版）：${p}`, `${who}：${record.amendmentReason ?? ''}。请双方板块确认新版本。`, true);
    }
  }

  /** Tells both boards (and, with `manager`, the city bureau) about a record. */
  private async notifyParties(r: Repositories, record: SharingRecord, kind: string, title: string, body: string, manager = false): Promise<void> {
    const to: { recipientKind: RecipientKind; recipientId: string }[] = [
      { recipientKind: 'board', recipientId: record.originBoardId },
      { recipientKind: 'board', recipientId: record.receivingBoardId },
      { recipientKind: 'park', recipientId: record.receivingParkId },
      ...(manager ? [{ recipientKind: 'manager' as const, recipientId: MANAGER_INBOX }] : []),
    ];
    await notify(r, to.map((t) => ({ ...t, kind, title, body, leadId: record.leadId, offerId: record.offerId })));
  }

  private recordFilter(f: RecordListFilter): RecordFilter {
    return {
      boardId: f.boardId,
      boardSide: f.boardSide,
      parkId: f.parkId,
      statuses: f.statuses,
      periodBasis: f.periodBasis,
      includeSuperseded: f.includeSuperseded,
      ...(f.from || f.to ? { period: { from: f.from ?? '0000-01-01', to: f.to ?? '9999-12-31' } } : {}),
    };
  }

  /**
   * Start dates of each record's credit window and revenue share: 签约 = the record's signing date,
   * 开工 = the lead's move to stage 开工, 首次纳税 = the start of the first period with a tax value above 0.
   */
  private async startDates(r: Repositories, records: readonly SharingRecord[], values: readonly SharingIndicatorValueRow[]) {
    const stages = await r.sharingRecords.stageDates([...new Set(records.map((x) => x.leadId))]);
    const firstTax = new Map<string, string>();
    for (const v of values)
      if (v.indicator === 'tax' && BigInt(v.amount_yuan) > 0n && (!firstTax.has(v.lineage_id) || v.period_from < firstTax.get(v.lineage_id)!))
        firstTax.set(v.lineage_id, v.period_from);
    const dateFor = (record: SharingRecord, event: string): string | null => {
      if (event === 'signing') return record.signedOn;
      if (event === 'construction_start') {
        const s = stages.find((d) => d.lead_id === record.leadId && d.stage === '开工');
        return s ? chinaDate(new Date(s.at)) : null;
      }
      return firstTax.get(record.lineageId) ?? null;
    };
    return new Map(records.map((x) => [x.id, { credit: dateFor(x, x.terms.creditWindow.startEvent), revenue: dateFor(x, x.terms.revenueShare.startEvent) }]));
  }

  private async names(r: Repositories): Promise<Names> {
    const [boards, parks] = await Promise.all([r.parks.listBoards(), r.parks.listParks()]);
    const b = new Map(boards.map((x) => [x.id, x.name]));
    const p = new Map(parks.map((x) => [x.id, x.name]));
    return { board: (id) => b.get(id), park: (id) => p.get(id) };
  }

  private view(record: SharingRecord, status: DisplayStatus, names: Names) {
    return {
      ...record,
      displayStatus: status,
      statusName: STATUS_NAMES[status],
      originBoardName: names.board(record.originBoardId) ?? record.originBoardId,
      receivingBoardName: names.board(record.receivingBoardId) ?? record.receivingBoardId,
      receivingParkName: names.park(record.receivingParkId) ?? record.receivingParkId,
    };
  }
}

/** The record's name: the company (both parties see it once a park accepted), else the de-identified text. */
function projectName(lead: LeadRow): string {
  if (lead.company) return lead.company;
  const d = lead.description_redacted.trim();
  return `${lead.code} ${d.length > 30 ? d.slice(0, 30) + '…' : d}`;
}

function valueView(v: SharingIndicatorValueRow) {
  return {
    indicator: v.indicator,
    indicatorName: INDICATOR_NAMES[v.indicator as Indicator] ?? v.indicator,
    periodFrom: v.period_from,
    periodTo: v.period_to,
    amountYuan: Number(v.amount_yuan),
    previousAmountYuan: v.previous_amount_yuan === null ? null : Number(v.previous_amount_yuan),
    note: v.note,
    enteredBy: v.entered_by,
    enteredAt: v.entered_at.toISOString(),
  };
}
