import { ROLE_NAMES, toCsvText } from '#domain';
import { chinaTime } from './dates.js';
import { yuanToWanNumber } from './money.js';
import type { RevenueSchedule, ScheduleYear } from './schedule.js';
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

/** A column and the cell it shows for a row: key, header, width (characters), cell. */
export type Field<R> = readonly [key: string, header: string, width: number, cell: (row: R) => Cell];

/** A sheet of `rows`, one column per field: each column's header and its cell stand in one place. */
export function sheet<R>(sheetName: string, fields: readonly Field<R>[], rows: readonly R[]): ExportTable {
  return {
    sheetName,
    columns: fields.map(([key, header, width]) => ({ key, header, width })),
    rows: rows.map((r) => Object.fromEntries(fields.map(([key, , , cell]) => [key, cell(r)]))),
  };
}

const boardName = (names: NameLookup, id: string) => names.board?.(id) ?? id;
const versionName = (names: NameLookup, id: string) => {
  const v = names.version?.(id);
  return v === undefined ? id : `第 ${v} 版`;
};
const wan = (yuan: number | null) => (yuan === null ? null : yuanToWanNumber(yuan));

function creditText(r: SharingRecord, i: (typeof INDICATORS)[number]): string {
  const c = r.terms.credit[i];
  return c.mode === 'double' ? CREDIT_MODE_NAMES.double : `${CREDIT_MODE_NAMES.split} ${formatBp(c.originBp)}:${formatBp(c.receiverBp)}`;
}

/**
 * One row per record (version). Pass `statuses` from `queryRecords` to show 已被变更替代. Times in Asia/Shanghai
 * (北京时间), as the people who open the file read them. No record id: a record is found again by its lead code and
 * version, and nothing re-imports this file.
 */
export function recordsTable(
  records: readonly SharingRecord[],
  names: NameLookup = {},
  statuses?: ReadonlyMap<string, DisplayStatus>,
): ExportTable {
  return sheet<SharingRecord>('利益共享记录', [
    ['leadCode', '线索编号', 11, (r) => names.leadCode?.(r.leadId) ?? r.leadId],
    ['version', '版本', 6, (r) => r.version],
    ['supersedes', '变更自', 10, (r) => (r.supersedes ? versionName(names, r.supersedes) : null)],
    ['projectName', '项目名称', 28, (r) => r.projectName],
    ['originBoard', '来源板块', 14, (r) => boardName(names, r.originBoardId)],
    ['submittedBy', '线索提交人', 14, (r) => names.person?.(r.submittedBy) ?? r.submittedBy],
    ['receivingBoard', '承接板块', 14, (r) => boardName(names, r.receivingBoardId)],
    ['receivingPark', '承接园区', 18, (r) => names.park?.(r.receivingParkId) ?? r.receivingParkId],
    ['status', '状态', 14, (r) => STATUS_NAMES[statuses?.get(r.id) ?? r.status]],
    ['termsSource', '条款来源', 10, (r) => (r.terms.source === 'policy' ? '默认规则' : '协商协议')],
    ['agreementRef', '协议文号', 16, (r) => r.terms.agreementRef],
    ...INDICATORS.map((i): Field<SharingRecord> => [`credit_${i}`, `${INDICATOR_NAMES[i]}考核方式`, 16, (r) => creditText(r, i)]),
    ['creditWindow', '考核分成期', 16, (r) => `${START_EVENT_NAMES[r.terms.creditWindow.startEvent]}起 ${r.terms.creditWindow.years} 年`],
    ['revenueShare', '项目收益分成', 24, (r) => `${formatBp(r.terms.revenueShare.originBp)}，${START_EVENT_NAMES[r.terms.revenueShare.startEvent]}起 ${r.terms.revenueShare.years} 年`],
    ['proposedAt', '生成时间', 22, (r) => chinaTime(r.proposedAt)],
    ['originConfirmedAt', '来源板块确认时间', 22, (r) => chinaTime(r.originConfirmation?.at)],
    ['receiverConfirmedAt', '承接板块确认时间', 22, (r) => chinaTime(r.receiverConfirmation?.at)],
    ['decidedAt', '审批时间', 22, (r) => chinaTime(r.decision?.at)],
    ['decidedBy', '审批人', 14, (r) => (r.decision ? (r.decision.by.name ?? names.person?.(r.decision.by.id) ?? r.decision.by.id) : null)],
    ['decisionComment', '审批意见', 30, (r) => r.decision?.comment || null],
    ['signedOn', '签约日期', 12, (r) => r.signedOn],
    ['amendmentReason', '变更原因', 30, (r) => r.amendmentReason],
  ], records);
}

/** Board × indicator totals, double and split credit apart, followed by the city rows (no double counting). */
export function totalsTable(totals: SharingTotals, names: NameLookup = {}): ExportTable {
  type Line = { board: string; indicator: (typeof INDICATORS)[number]; double: number; split: number; total: number; records: number | null };
  const lines: Line[] = [
    ...totals.boards.map((b) => ({ board: boardName(names, b.boardId), indicator: b.indicator, double: b.doubleCredit, split: b.splitCredit, total: b.total, records: b.recordCount })),
    ...totals.city.map((c) => ({ board: '全市（不重复计算）', indicator: c.indicator, double: c.doubleValue, split: c.splitValue, total: c.projectValue, records: null })),
  ];
  return sheet<Line>('板块考核汇总', [
    ['period', '统计期间', 24, () => `${totals.period.from} 至 ${totals.period.to}`],
    ['board', '板块', 20, (l) => l.board],
    ['indicator', '指标', 14, (l) => INDICATOR_NAMES[l.indicator]],
    ['doubleCredit', '双算计入（万元）', 16, (l) => wan(l.double)],
    ['splitCredit', '分算计入（万元）', 16, (l) => wan(l.split)],
    ['total', '合计（万元）', 16, (l) => wan(l.total)],
    ['recordCount', '记录数', 8, (l) => l.records],
  ], lines);
}

/** A record's revenue-share schedule year by year. */
export function scheduleTable(schedule: RevenueSchedule, record?: SharingRecord): ExportTable {
  const pending = `待${START_EVENT_NAMES[schedule.startEvent]}后确定`;
  return sheet<ScheduleYear>('收益分成计划', [
    ['recordId', '记录编号', 20, () => record?.id ?? null],
    ['yearIndex', '年度', 6, (y) => y.yearIndex],
    ['from', '起始日期', 12, (y) => y.from ?? pending],
    ['to', '截止日期', 12, (y) => y.to ?? pending],
    ['originShare', '来源板块分成比例', 14, (y) => formatBp(y.originBp)],
    ['revenue', '预测地方收益（万元）', 18, (y) => wan(y.revenue)],
    ['originAmount', '来源板块分成（万元）', 18, (y) => wan(y.originAmount)],
    ['receiverAmount', '承接板块留存（万元）', 18, (y) => wan(y.receiverAmount)],
  ], schedule.years);
}

/** The kept steps of a record: who, when, what. */
export function historyTable(entries: readonly HistoryEntry[]): ExportTable {
  return sheet<HistoryEntry>('操作记录', [
    ['recordId', '记录编号', 20, (e) => e.recordId],
    ['revision', '修订号', 8, (e) => e.revision],
    ['at', '时间', 22, (e) => chinaTime(e.at)],
    ['event', '操作', 14, (e) => EVENT_NAMES[e.event]],
    ['actor', '操作人', 16, (e) => e.actor.name ?? e.actor.id],
    ['role', '角色', 14, (e) => ROLE_NAMES[e.actor.role]],
    ['fromStatus', '原状态', 14, (e) => (e.fromStatus ? STATUS_NAMES[e.fromStatus] : null)],
    ['toStatus', '新状态', 14, (e) => STATUS_NAMES[e.toStatus]],
    ['comment', '意见', 30, (e) => e.comment],
  ], entries);
}

/** An export table as CSV (the one writer, libs/domain csv.ts): header row of Chinese column names, then the rows. */
export function toCsv(table: ExportTable, options: { bom?: boolean } = {}): string {
  return toCsvText([table.columns.map((c) => c.header), ...table.rows.map((row) => table.columns.map((c) => row[c.key]))], options);
}
