import { Injectable } from '@nestjs/common';
import { canSeeSharingRecord, chinaDate } from '#domain';
import { DomainError, invalid } from '#errors';
import { UnitOfWork, type Repositories, type SharingIndicatorValueRow } from '#persistence';
import {
  EVENT_NAMES,
  INDICATORS,
  INDICATOR_NAMES,
  MAX_PAGE_SIZE,
  STATUS_NAMES,
  computeSharingTotals,
  displayStatus,
  isIsoDate,
  queryRecords,
  reconcileTotals,
  recordsTable,
  revenueShareSchedule,
  type DisplayStatus,
  type ExportTable,
  type Indicator,
  type RecordFilter,
  type SharingRecord,
  type TotalsItem,
} from '#sharing';
import type { ActorClaim } from './sharing-actors.js';
import { PeopleService } from './people.service.js';
import { sharingFailure } from './sharing-failures.js';

/** The manager's and the parties' reads of the benefit-sharing ledger (利益共享): lists, one record, totals, exports. */

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

interface Names {
  board: (id: string) => string | undefined;
  park: (id: string) => string | undefined;
}

/** A record the caller may not see is reported exactly like one that does not exist. */
export async function loadRecord(r: Repositories, id: string, viewer?: { role: string; boardId?: string; parkId?: string }): Promise<SharingRecord> {
  const record = await r.sharingRecords.find(id);
  if (!record || (viewer && !canSeeSharingRecord(viewer, record))) throw new DomainError('SHARING_RECORD_NOT_FOUND', `利益共享记录 ${id} 不存在，或不在本账号可查看的范围内`);
  return record;
}

@Injectable()
export class SharingLedgerViews {
  constructor(private readonly uow: UnitOfWork, private readonly people: PeopleService) {}

  async list(filter: RecordListFilter, page: { page: number; pageSize: number }) {
    return this.uow.read(async (r) => {
      const [records, names] = await Promise.all([r.sharingRecords.list({ boardId: filter.boardId, boardSide: filter.boardSide, parkId: filter.parkId }), this.names(r)]);
      const result = queryRecords(records, this.recordFilter(filter), page);
      return { ...result, items: result.items.map((i) => this.view(i.record, i.displayStatus, names)) };
    });
  }

  /** One record with its versions, history, values and schedule; `viewer` absent only for the ledger's own reads. */
  async get(id: string, o: { yearlyRevenue?: number[] } = {}, viewer?: ActorClaim) {
    return this.uow.read(async (r) => {
      const record = await loadRecord(r, id, viewer);
      const [versions, history, names, values, confirmed] = await Promise.all([
        r.sharingRecords.lineage(record.lineageId),
        r.sharingRecords.history(record.lineageId),
        this.names(r),
        r.sharingRecords.values([record.lineageId]),
        r.duplicates.confirmedFor([record.leadId]),
      ]);
      const starts = await this.startDates(r, versions, values);
      const schedule = revenueShareSchedule(record, { startOn: starts.get(record.id)?.revenue ?? null, yearlyRevenue: o.yearlyRevenue });
      return {
        record: this.view(record, displayStatus(record, versions), names),
        versions: versions.map((v) => this.view(v, displayStatus(v, versions), names)),
        history: history.map((e) => ({ ...e, eventName: EVENT_NAMES[e.event] ?? e.event })),
        values: values.map(indicatorValueView),
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
      const records = await r.sharingRecords.allVersions();
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
    const { picked, statuses, names, codes, versions } = await this.uow.read(async (r) => {
      const [records, names] = await Promise.all([r.sharingRecords.list({ boardId: filter.boardId, boardSide: filter.boardSide, parkId: filter.parkId }), this.names(r)]);
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
      return { picked, statuses, names, codes: await r.leads.codesOf(picked.map((x) => x.leadId)), versions: new Map(records.map((x) => [x.id, x.version])) };
    });
    const people = new Map((await this.people.names(picked.flatMap((x) => [x.submittedBy, ...(x.decision ? [x.decision.by.id] : [])]))).items.map((i) => [i.id, i.name]));
    return recordsTable(picked, { ...names, leadCode: (id) => codes.get(id), person: (u) => people.get(u), version: (id) => versions.get(id) }, statuses);
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────

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

  /** Board and park names for the views (also the ledger's notices). */
  async names(r: Repositories): Promise<Names> {
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


/** One indicator value as the API shows it (amounts in 元 as numbers). */
export function indicatorValueView(v: SharingIndicatorValueRow) {
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
