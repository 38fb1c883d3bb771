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
  const offset = 8 * 3600_000;
  return { from: new Date(Date.UTC(y, mo - 1, 1) - offset), to: new Date(Date.UTC(y, mo, 1) - offset) };
}
