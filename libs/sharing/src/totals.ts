import { addYears, isIsoDate } from './dates.js';
import { sharingError, type Result, type SharingError } from './errors.js';
import { isAmount, splitAmount } from './money.js';
import { INDICATORS, INDICATOR_NAMES, type Indicator, type Period, type RecordStatus, type SharingRecord } from './types.js';
import { groupByLineage, versionInForce } from './versions.js';

/**
 * Totals per board and indicator for a period.
 *
 * Each counted record contributes one credit line per indicator with a value:
 * - 双算 (double): origin and receiving board both get the full value (double-counted credit);
 * - 分算 (split): the value is split by basis points with the largest-remainder rule (ties to the receiving
 *   board), so origin + receiver = value exactly.
 * Board totals keep double and split credit apart: Σ boards' split credit = the projects' split values, and
 * Σ boards' double credit = 2 × the projects' double values. The city total counts every project value once.
 */

export interface TotalsItem {
  readonly record: SharingRecord;
  /** The project's indicator values within the period, integer 元. Absent indicators count as 0. */
  readonly values: Readonly<Partial<Record<Indicator, number>>>;
  /** Date of the record's credit-window start event (terms.creditWindow.startEvent), when it happened. */
  readonly creditStartOn?: string | null;
}

export interface CreditLine {
  readonly recordId: string;
  readonly lineageId: string;
  readonly indicator: Indicator;
  readonly value: number;
  readonly mode: 'double' | 'split';
  readonly originBoardId: string;
  readonly receivingBoardId: string;
  readonly originCredit: number;
  readonly receiverCredit: number;
}

export interface BoardIndicatorTotal {
  readonly boardId: string;
  readonly indicator: Indicator;
  /** Credit counted in full by both boards (双算). */
  readonly doubleCredit: number;
  /** Credit from split records, by share (分算). */
  readonly splitCredit: number;
  readonly total: number;
  /** Records with a non-zero value for this indicator that credit this board. */
  readonly recordCount: number;
}

export interface CityIndicatorTotal {
  readonly indicator: Indicator;
  /** Sum of project values, each counted once (no double counting). */
  readonly projectValue: number;
  /** Part of projectValue credited 双算 (appears twice across boards). */
  readonly doubleValue: number;
  /** Part of projectValue credited 分算. */
  readonly splitValue: number;
  /** Σ of all boards' totals = projectValue + doubleValue. */
  readonly boardCreditSum: number;
}

export type ExclusionReason = 'not_effective' | 'not_in_force' | 'credit_window_ended';

export interface ExcludedRecord {
  readonly recordId: string;
  readonly reason: ExclusionReason;
  /** The record's status when it was left out (what step it waits for). */
  readonly status: RecordStatus;
  readonly message: string;
}

/** Why a version that is not in force was left out, in the words of the step it still waits for. */
function notEffective(record: SharingRecord, periodEnd: string): string {
  const step =
    record.status === 'proposed' ? '仍待双方板块确认'
    : record.status === 'confirmed' ? '仍待市科技局审批'
    : record.status === 'approved' ? '已批准，但项目尚未签约'
    : record.status === 'rejected' ? '已被驳回'
    : '尚未生效';
  return `第 ${record.version} 版记录至 ${periodEnd} ${step}（生效须双方确认、市科技局批准且项目签约），不计入。`;
}

export interface SharingTotals {
  readonly period: Period;
  readonly lines: readonly CreditLine[];
  readonly boards: readonly BoardIndicatorTotal[];
  readonly city: readonly CityIndicatorTotal[];
  readonly countedRecordIds: readonly string[];
  readonly excluded: readonly ExcludedRecord[];
}

function checkItems(items: readonly TotalsItem[], period: Period): SharingError[] {
  const errors: SharingError[] = [];
  if (!isIsoDate(period.from) || !isIsoDate(period.to) || period.from > period.to)
    errors.push(sharingError('INVALID_DATE', `统计期间无效（${period.from} 至 ${period.to}）：请填写起止日期，且起始不晚于结束。`));
  const seen = new Set<string>();
  for (const { record, values, creditStartOn } of items) {
    if (seen.has(record.id)) errors.push(sharingError('INVALID_INPUT', `记录 ${record.id} 重复出现：每条记录只能统计一次。`));
    seen.add(record.id);
    for (const [k, v] of Object.entries(values)) {
      if (!(INDICATORS as readonly string[]).includes(k)) {
        errors.push(sharingError('INVALID_INPUT', `记录 ${record.id} 含未知指标 ${k}。`));
        continue;
      }
      if (v !== undefined && !isAmount(v))
        errors.push(
          sharingError('INVALID_INPUT', `记录 ${record.id} 的「${INDICATOR_NAMES[k as Indicator]}」须为非负整数（元），收到 ${v}。`, k as Indicator),
        );
    }
    if (creditStartOn != null && !isIsoDate(creditStartOn))
      errors.push(sharingError('INVALID_DATE', `记录 ${record.id} 的考核分成起算日期格式无效（${creditStartOn}）。`));
  }
  return errors;
}

function toSafe(n: bigint, what: string): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} 超出可精确表示的范围`);
  return Number(n);
}

/** Credit lines of one counted record. */
export function creditLines(record: SharingRecord, values: Readonly<Partial<Record<Indicator, number>>>): CreditLine[] {
  const lines: CreditLine[] = [];
  for (const indicator of INDICATORS) {
    const value = values[indicator] ?? 0;
    if (value === 0) continue;
    const mode = record.terms.credit[indicator];
    const split = mode.mode === 'double' ? { origin: value, receiver: value } : splitAmount(value, mode.originBp, mode.receiverBp);
    lines.push({
      recordId: record.id,
      lineageId: record.lineageId,
      indicator,
      value,
      mode: mode.mode,
      originBoardId: record.originBoardId,
      receivingBoardId: record.receivingBoardId,
      originCredit: split.origin,
      receiverCredit: split.receiver,
    });
  }
  return lines;
}

/** Sums credit lines into board and city totals. Exposed so that reconciliation can re-derive them. */
export function sumLines(lines: readonly CreditLine[]): { boards: BoardIndicatorTotal[]; city: CityIndicatorTotal[] } {
  type Acc = { double: bigint; split: bigint; records: Set<string> };
  const byBoard = new Map<string, Map<Indicator, Acc>>();
  const acc = (board: string, i: Indicator): Acc => {
    let m = byBoard.get(board);
    if (!m) {
      m = new Map(INDICATORS.map((x) => [x, { double: 0n, split: 0n, records: new Set<string>() }]));
      byBoard.set(board, m);
    }
    return m.get(i)!;
  };
  const city = new Map(INDICATORS.map((i) => [i, { double: 0n, split: 0n }]));
  for (const l of lines) {
    const o = acc(l.originBoardId, l.indicator);
    const r = acc(l.receivingBoardId, l.indicator);
    const c = city.get(l.indicator)!;
    if (l.mode === 'double') {
      o.double += BigInt(l.originCredit);
      r.double += BigInt(l.receiverCredit);
      c.double += BigInt(l.value);
    } else {
      o.split += BigInt(l.originCredit);
      r.split += BigInt(l.receiverCredit);
      c.split += BigInt(l.value);
    }
    o.records.add(l.recordId);
    r.records.add(l.recordId);
  }
  const boards: BoardIndicatorTotal[] = [];
  for (const boardId of [...byBoard.keys()].sort())
    for (const indicator of INDICATORS) {
      const a = byBoard.get(boardId)!.get(indicator)!;
      boards.push({
        boardId,
        indicator,
        doubleCredit: toSafe(a.double, '双算合计'),
        splitCredit: toSafe(a.split, '分算合计'),
        total: toSafe(a.double + a.split, '板块合计'),
        recordCount: a.records.size,
      });
    }
  const cityTotals = INDICATORS.map((indicator): CityIndicatorTotal => {
    const c = city.get(indicator)!;
    return {
      indicator,
      projectValue: toSafe(c.double + c.split, '全市合计'),
      doubleValue: toSafe(c.double, '全市双算'),
      splitValue: toSafe(c.split, '全市分算'),
      boardCreditSum: toSafe(2n * c.double + c.split, '板块合计之和'),
    };
  });
  return { boards, city: cityTotals };
}

/**
 * Totals for a period. Only effective records count; of several versions of one agreement, the one in force
 * at the period's end counts; a record whose credit window (e.g. 5 years from construction start) ended before
 * the period starts no longer produces shared credit. Every left-out record is listed with its reason.
 */
export function computeSharingTotals(items: readonly TotalsItem[], period: Period): Result<SharingTotals> {
  const errors = checkItems(items, period);
  if (errors.length) return { ok: false, errors };
  const excluded: ExcludedRecord[] = [];
  const lines: CreditLine[] = [];
  const counted: string[] = [];
  const byId = new Map(items.map((it) => [it.record.id, it]));
  for (const lineage of groupByLineage(items.map((it) => it.record)).values()) {
    const inForce = versionInForce(lineage, period.to);
    for (const record of lineage) {
      if (record === inForce) continue;
      excluded.push(
        record.status === 'effective' && inForce
          ? { recordId: record.id, reason: 'not_in_force', status: record.status, message: `第 ${record.version} 版已被第 ${inForce.version} 版替代，不重复统计。` }
          : { recordId: record.id, reason: 'not_effective', status: record.status, message: notEffective(record, period.to) },
      );
    }
    if (!inForce) continue;
    const item = byId.get(inForce.id)!;
    const window = inForce.terms.creditWindow;
    if (item.creditStartOn && addYears(item.creditStartOn, window.years) <= period.from) {
      excluded.push({
        recordId: inForce.id,
        reason: 'credit_window_ended',
        status: inForce.status,
        message: `考核分成期（${item.creditStartOn} 起 ${window.years} 年）已于统计期间前届满，项目由承接板块按常规口径统计。`,
      });
      continue;
    }
    counted.push(inForce.id);
    lines.push(...creditLines(inForce, item.values));
  }
  const { boards, city } = sumLines(lines);
  return {
    ok: true,
    value: Object.freeze({ period, lines, boards, city, countedRecordIds: counted.sort(), excluded }),
  };
}

export interface Reconciliation {
  readonly ok: boolean;
  /** Chinese descriptions of every mismatch; empty when the totals reconcile. */
  readonly problems: readonly string[];
}

/**
 * Proves that the totals reconcile: every split line adds up to its project value, every double line credits the
 * full value twice, split credit across boards sums to the projects' split values, double credit to twice the
 * double values, board totals equal the sum over their records, and (with `items`) every counted record's values
 * appear exactly once.
 */
export function reconcileTotals(totals: SharingTotals, items?: readonly TotalsItem[]): Reconciliation {
  const problems: string[] = [];
  for (const l of totals.lines) {
    const name = `记录 ${l.recordId}「${INDICATOR_NAMES[l.indicator]}」`;
    if (l.mode === 'split' && l.originCredit + l.receiverCredit !== l.value)
      problems.push(`${name}分算之和 ${l.originCredit + l.receiverCredit} ≠ 项目数值 ${l.value}`);
    if (l.mode === 'double' && (l.originCredit !== l.value || l.receiverCredit !== l.value))
      problems.push(`${name}双算未按全额计入双方`);
    if (l.originCredit < 0 || l.receiverCredit < 0) problems.push(`${name}出现负数`);
  }
  const again = sumLines(totals.lines);
  const key = (b: BoardIndicatorTotal) => `${b.boardId}|${b.indicator}`;
  const expected = new Map(again.boards.map((b) => [key(b), b]));
  if (expected.size !== totals.boards.length) problems.push('板块合计的行数与记录明细不符');
  for (const b of totals.boards) {
    const e = expected.get(key(b));
    if (!e || e.doubleCredit !== b.doubleCredit || e.splitCredit !== b.splitCredit || e.total !== b.total)
      problems.push(`板块 ${b.boardId}「${INDICATOR_NAMES[b.indicator]}」合计与记录明细之和不符`);
    if (b.total !== b.doubleCredit + b.splitCredit) problems.push(`板块 ${b.boardId}「${INDICATOR_NAMES[b.indicator]}」合计 ≠ 双算 + 分算`);
  }
  for (const c of totals.city) {
    const name = `「${INDICATOR_NAMES[c.indicator]}」`;
    const rows = totals.boards.filter((b) => b.indicator === c.indicator);
    const splitSum = rows.reduce((s, b) => s + b.splitCredit, 0);
    const doubleSum = rows.reduce((s, b) => s + b.doubleCredit, 0);
    const lineValues = totals.lines.filter((l) => l.indicator === c.indicator);
    const splitValues = lineValues.filter((l) => l.mode === 'split').reduce((s, l) => s + l.value, 0);
    const doubleValues = lineValues.filter((l) => l.mode === 'double').reduce((s, l) => s + l.value, 0);
    if (splitSum !== c.splitValue || splitValues !== c.splitValue) problems.push(`${name}各板块分算之和 ${splitSum} ≠ 项目分算数值 ${c.splitValue}`);
    if (doubleSum !== 2 * c.doubleValue || doubleValues !== c.doubleValue)
      problems.push(`${name}各板块双算之和 ${doubleSum} ≠ 项目双算数值的两倍 ${2 * c.doubleValue}`);
    if (c.projectValue !== c.splitValue + c.doubleValue) problems.push(`${name}全市合计 ≠ 分算 + 双算数值`);
    if (c.boardCreditSum !== splitSum + doubleSum) problems.push(`${name}板块合计之和不符`);
  }
  if (items) {
    const byId = new Map(items.map((it) => [it.record.id, it]));
    for (const id of totals.countedRecordIds) {
      const it = byId.get(id);
      if (!it) {
        problems.push(`统计包含未提供的记录 ${id}`);
        continue;
      }
      for (const i of INDICATORS) {
        const want = it.values[i] ?? 0;
        const got = totals.lines.filter((l) => l.recordId === id && l.indicator === i);
        if (want === 0 ? got.length !== 0 : got.length !== 1 || got[0]!.value !== want)
          problems.push(`记录 ${id}「${INDICATOR_NAMES[i]}」未按提供的数值统计一次`);
      }
    }
    const counted = new Set(totals.countedRecordIds);
    const excluded = new Set(totals.excluded.map((e) => e.recordId));
    for (const it of items)
      if (counted.has(it.record.id) === excluded.has(it.record.id)) problems.push(`记录 ${it.record.id} 须要么计入、要么列明排除原因`);
  }
  return { ok: problems.length === 0, problems };
}
