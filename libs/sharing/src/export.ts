import { ROLE_NAMES, toCsvText } from '#domain';
import { chinaTime } from './dates.js';
import { yuanToWanNumber } from './money.js';
import type { RevenueSchedule } from './schedule.js';
import { formatBp } from './terms.js';
import type { SharingTotals } from './totals.js';
import {
  CREDIT_MODE_NAMES,
  EVENT_NAMES,
  INDICATORS,
  INDICATOR_NAMES,
  START_EVENT_NAMES,
  STATUS_NAMES,
  type DisplayStatus,
  type HistoryEntry,
  type SharingRecord,
} from './types.js';

/**
 * Row models for export. A table maps directly onto exceljs (`sheet.columns = table.columns; sheet.addRows(table.rows)`)
 * and onto CSV via `toCsv`. Amounts are shown in 万元 (exact: the ledger keeps integer 元).
 */

export type Cell = string | number | null;

export interface ExportColumn {
  readonly key: string;
  readonly header: string;
  readonly width: number;
}

export interface ExportTable {
  readonly sheetName: string;
  readonly columns: readonly ExportColumn[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
}

/** What people read instead of ids; the id is shown where a lookup is absent or returns undefined. */
export interface NameLookup {
  readonly board?: (id: string) => string | undefined;
  readonly park?: (id: string) => string | undefined;
  /** A lead's code (XS000123) for its id. */
  readonly leadCode?: (leadId: string) => string | undefined;
  /** A person's display name for an account name (promoter-haian). */
  readonly person?: (username: string) => string | undefined;
  /** The version number of a record id (for 变更自). */
  readonly version?: (recordId: string) => number | undefined;
}

const col = (key: string, header: string, width = 14): ExportColumn => ({ key, header, width });
const boardName = (names: NameLookup, id: string) => names.board?.(id) ?? id;
const versionName = (names: NameLookup, id: string) => {
  const v = names.version?.(id);
  return v === undefined ? id : `第 ${v} 版`;
};

function creditText(r: SharingRecord, i: (typeof INDICATORS)[number]): string {
  const c = r.terms.credit[i];
  return c.mode === 'double' ? CREDIT_MODE_NAMES.double : `${CREDIT_MODE_NAMES.split} ${formatBp(c.originBp)}:${formatBp(c.receiverBp)}`;
}

/** One row per record (version). Pass `statuses` from `queryRecords` to show 已被变更替代. */
export function recordsTable(
  records: readonly SharingRecord[],
  names: NameLookup = {},
  statuses?: ReadonlyMap<string, DisplayStatus>,
): ExportTable {
  return {
    // Times in Asia/Shanghai (北京时间), as the people who open the file read them.
    sheetName: '利益共享记录',
    // No record id: a record is found again by its lead code and version, and nothing re-imports this file.
    columns: [
      col('leadCode', '线索编号', 11),
      col('version', '版本', 6),
      col('supersedes', '变更自', 10),
      col('projectName', '项目名称', 28),
      col('originBoard', '来源板块'),
      col('submittedBy', '线索提交人'),
      col('receivingBoard', '承接板块'),
      col('receivingPark', '承接园区', 18),
      col('status', '状态'),
      col('termsSource', '条款来源', 10),
      col('agreementRef', '协议文号', 16),
      ...INDICATORS.map((i) => col(`credit_${i}`, `${INDICATOR_NAMES[i]}考核方式`, 16)),
      col('creditWindow', '考核分成期', 16),
      col('revenueShare', '项目收益分成', 24),
      col('proposedAt', '生成时间', 22),
      col('originConfirmedAt', '来源板块确认时间', 22),
      col('receiverConfirmedAt', '承接板块确认时间', 22),
      col('decidedAt', '审批时间', 22),
      col('decidedBy', '审批人'),
      col('decisionComment', '审批意见', 30),
      col('signedOn', '签约日期', 12),
      col('amendmentReason', '变更原因', 30),
    ],
    rows: records.map((r) => ({
      leadCode: names.leadCode?.(r.leadId) ?? r.leadId,
      version: r.version,
      supersedes: r.supersedes ? versionName(names, r.supersedes) : null,
      projectName: r.projectName,
      originBoard: boardName(names, r.originBoardId),
      submittedBy: names.person?.(r.submittedBy) ?? r.submittedBy,
      receivingBoard: boardName(names, r.receivingBoardId),
      receivingPark: names.park?.(r.receivingParkId) ?? r.receivingParkId,
      status: STATUS_NAMES[statuses?.get(r.id) ?? r.status],
      termsSource: r.terms.source === 'policy' ? '默认规则' : '协商协议',
      agreementRef: r.terms.agreementRef,
      ...Object.fromEntries(INDICATORS.map((i) => [`credit_${i}`, creditText(r, i)])),
      creditWindow: `${START_EVENT_NAMES[r.terms.creditWindow.startEvent]}起 ${r.terms.creditWindow.years} 年`,
      revenueShare: `${formatBp(r.terms.revenueShare.originBp)}，${START_EVENT_NAMES[r.terms.revenueShare.startEvent]}起 ${r.terms.revenueShare.years} 年`,
      proposedAt: chinaTime(r.proposedAt),
      originConfirmedAt: chinaTime(r.originConfirmation?.at),
      receiverConfirmedAt: chinaTime(r.receiverConfirmation?.at),
      decidedAt: chinaTime(r.decision?.at),
      decidedBy: r.decision ? (r.decision.by.name ?? names.person?.(r.decision.by.id) ?? r.decision.by.id) : null,
      decisionComment: r.decision?.comment || null,
      signedOn: r.signedOn,
      amendmentReason: r.amendmentReason,
    })),
  };
}

/** Board × indicator totals, double and split credit apart, followed by the city rows (no double counting). */
export function totalsTable(totals: SharingTotals, names: NameLookup = {}): ExportTable {
  const period = `${totals.period.from} 至 ${totals.period.to}`;
  return {
    sheetName: '板块考核汇总',
    columns: [
      col('period', '统计期间', 24),
      col('board', '板块', 20),
      col('indicator', '指标'),
      col('doubleCredit', '双算计入（万元）', 16),
      col('splitCredit', '分算计入（万元）', 16),
      col('total', '合计（万元）', 16),
      col('recordCount', '记录数', 8),
    ],
    rows: [
      ...totals.boards.map((b) => ({
        period,
        board: boardName(names, b.boardId),
        indicator: INDICATOR_NAMES[b.indicator],
        doubleCredit: yuanToWanNumber(b.doubleCredit),
        splitCredit: yuanToWanNumber(b.splitCredit),
        total: yuanToWanNumber(b.total),
        recordCount: b.recordCount,
      })),
      ...totals.city.map((c) => ({
        period,
        board: '全市（不重复计算）',
        indicator: INDICATOR_NAMES[c.indicator],
        doubleCredit: yuanToWanNumber(c.doubleValue),
        splitCredit: yuanToWanNumber(c.splitValue),
        total: yuanToWanNumber(c.projectValue),
        recordCount: null,
      })),
    ],
  };
}

/** A record's revenue-share schedule year by year. */
export function scheduleTable(schedule: RevenueSchedule, record?: SharingRecord): ExportTable {
  return {
    sheetName: '收益分成计划',
    columns: [
      col('recordId', '记录编号', 20),
      col('yearIndex', '年度', 6),
      col('from', '起始日期', 12),
      col('to', '截止日期', 12),
      col('originShare', '来源板块分成比例', 14),
      col('revenue', '预测地方收益（万元）', 18),
      col('originAmount', '来源板块分成（万元）', 18),
      col('receiverAmount', '承接板块留存（万元）', 18),
    ],
    rows: schedule.years.map((y) => ({
      recordId: record?.id ?? null,
      yearIndex: y.yearIndex,
      from: y.from ?? `待${START_EVENT_NAMES[schedule.startEvent]}后确定`,
      to: y.to ?? `待${START_EVENT_NAMES[schedule.startEvent]}后确定`,
      originShare: formatBp(y.originBp),
      revenue: y.revenue === null ? null : yuanToWanNumber(y.revenue),
      originAmount: y.originAmount === null ? null : yuanToWanNumber(y.originAmount),
      receiverAmount: y.receiverAmount === null ? null : yuanToWanNumber(y.receiverAmount),
    })),
  };
}

/** The kept steps of a record: who, when, what. */
export function historyTable(entries: readonly HistoryEntry[]): ExportTable {
  return {
    sheetName: '操作记录',
    columns: [
      col('recordId', '记录编号', 20),
      col('revision', '修订号', 8),
      col('at', '时间', 22),
      col('event', '操作'),
      col('actor', '操作人', 16),
      col('role', '角色', 14),
      col('fromStatus', '原状态'),
      col('toStatus', '新状态'),
      col('comment', '意见', 30),
    ],
    rows: entries.map((e) => ({
      recordId: e.recordId,
      revision: e.revision,
      at: chinaTime(e.at),
      event: EVENT_NAMES[e.event],
      actor: e.actor.name ?? e.actor.id,
      role: ROLE_NAMES[e.actor.role],
      fromStatus: e.fromStatus ? STATUS_NAMES[e.fromStatus] : null,
      toStatus: STATUS_NAMES[e.toStatus],
      comment: e.comment,
    })),
  };
}

/** An export table as CSV (the one writer, libs/domain csv.ts): header row of Chinese column names, then the rows. */
export function toCsv(table: ExportTable, options: { bom?: boolean } = {}): string {
  return toCsvText([table.columns.map((c) => c.header), ...table.rows.map((row) => table.columns.map((c) => row[c.key]))], options);
}
