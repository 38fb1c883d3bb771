import { addDays, addYears, isIsoDate } from './dates.js';
import { isAmount, splitAmount } from './money.js';
import { START_EVENT_NAMES, type RevenueShare, type SharingRecord, type StartEvent } from './types.js';

/** One year of a revenue share (项目收益分成). Periods are inclusive calendar dates; null until the start event is known. */
export interface ScheduleYear {
  readonly yearIndex: number;
  readonly from: string | null;
  readonly to: string | null;
  readonly originBp: number;
  /** Forecast local revenue of that year in 元, when given. */
  readonly revenue: number | null;
  readonly originAmount: number | null;
  readonly receiverAmount: number | null;
}

export interface RevenueSchedule {
  /** `scheduled` when the start date is known; `pending_start` while the start event has not happened. */
  readonly status: 'scheduled' | 'pending_start';
  readonly startEvent: StartEvent;
  readonly startOn: string | null;
  readonly years: readonly ScheduleYear[];
  /** Sums over the years that have a forecast. */
  readonly totalRevenue: number;
  readonly totalOriginAmount: number;
  readonly totalReceiverAmount: number;
  /** Chinese note for the manager view, e.g. why dates are missing. */
  readonly note: string;
}

export interface ScheduleOptions {
  /** Date of the start event (first tax, construction start…), when it happened. For `signing`, the record's signedOn is used if absent. */
  readonly startOn?: string | null;
  /** Forecast local revenue per year in 元 (index 0 = year 1). Missing years stay without amounts; extra entries are ignored. */
  readonly yearlyRevenue?: readonly number[];
}

/**
 * Year-by-year schedule: year k runs from startOn + (k−1) years to the day before startOn + k years, so the
 * years are contiguous and exactly `years` long. Amounts split with the largest-remainder rule (ties to the
 * receiving board), so origin + receiver equals the revenue of every year.
 */
export function revenueShareSchedule(source: SharingRecord | RevenueShare, options: ScheduleOptions = {}): RevenueSchedule {
  const share: RevenueShare = 'terms' in source ? source.terms.revenueShare : source;
  const signedOn = 'terms' in source ? source.signedOn : null;
  const startOn = options.startOn ?? (share.startEvent === 'signing' ? signedOn : null);
  if (startOn !== null && !isIsoDate(startOn)) throw new RangeError(`起算日期格式无效：${startOn}（应为 YYYY-MM-DD）`);
  for (const v of options.yearlyRevenue ?? [])
    if (!isAmount(v)) throw new RangeError(`预测收益须为非负整数（元），收到 ${v}`);

  const years: ScheduleYear[] = [];
  let totalRevenue = 0;
  let totalOrigin = 0;
  let totalReceiver = 0;
  for (let k = 1; k <= share.years; k++) {
    const revenue = options.yearlyRevenue?.[k - 1] ?? null;
    const split = revenue === null ? null : splitAmount(revenue, share.originBp, 10000 - share.originBp);
    if (revenue !== null && split) {
      totalRevenue += revenue;
      totalOrigin += split.origin;
      totalReceiver += split.receiver;
    }
    years.push(
      Object.freeze({
        yearIndex: k,
        from: startOn === null ? null : addYears(startOn, k - 1),
        to: startOn === null ? null : addDays(addYears(startOn, k), -1),
        originBp: share.originBp,
        revenue,
        originAmount: split?.origin ?? null,
        receiverAmount: split?.receiver ?? null,
      }),
    );
  }
  const eventName = START_EVENT_NAMES[share.startEvent];
  return Object.freeze({
    status: startOn === null ? 'pending_start' : 'scheduled',
    startEvent: share.startEvent,
    startOn,
    years: Object.freeze(years),
    totalRevenue,
    totalOriginAmount: totalOrigin,
    totalReceiverAmount: totalReceiver,
    note:
      startOn === null
        ? `尚未发生「${eventName}」，分成期起算日待定：共 ${share.years} 年，自${eventName}之日起计算。`
        : `自 ${startOn}（${eventName}）起共 ${share.years} 年，至 ${addDays(addYears(startOn, share.years), -1)} 止。`,
  });
}
