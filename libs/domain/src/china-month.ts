import { chinaDate } from './work-log.js';

/** A calendar month in Asia/Shanghai (UTC+8 all year, no daylight saving), YYYY-MM. */
export const CHINA_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month (Asia/Shanghai) of an instant. */
export function chinaMonth(at: Date): string {
  return chinaDate(at).slice(0, 7);
}

/** The instants a Shanghai month spans: [from, to). */
export function chinaMonthRange(month: string): { from: Date; to: Date } {
  const m = CHINA_MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return { from: new Date(Date.UTC(y, mo - 1, 1) - SHANGHAI_OFFSET), to: new Date(Date.UTC(y, mo, 1) - SHANGHAI_OFFSET) };
}

const SHANGHAI_OFFSET = 8 * 3600_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instants a Shanghai calendar day (YYYY-MM-DD) spans: [from, to). Every date-range filter means these
 * days: `from=D` starts at D's Shanghai midnight, `to=D` runs through D's last Shanghai minute.
 */
export function chinaDayRange(day: string): { from: Date; to: Date } {
  const m = DAY.exec(day);
  const start = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(start).toISOString().slice(0, 10) !== day) throw new Error(`not a day: ${day}`);
  return { from: new Date(start - SHANGHAI_OFFSET), to: new Date(start - SHANGHAI_OFFSET + 86400_000) };
}
