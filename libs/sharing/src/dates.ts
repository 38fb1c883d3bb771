import { chinaDate } from '#domain';

/** Calendar helpers over ISO `YYYY-MM-DD` strings, in UTC, with no time zone surprises. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

function toUtc(date: string): Date {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fromUtc(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/** The same month and day `years` later; 29 February falls back to 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const t = toUtc(date);
  const y = t.getUTCFullYear() + years;
  const mo = t.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(y, mo, Math.min(t.getUTCDate(), lastDay))));
}

export function addDays(date: string, days: number): string {
  const t = toUtc(date);
  t.setUTCDate(t.getUTCDate() + days);
  return fromUtc(t);
}

/** The Nantong (Asia/Shanghai) calendar date of an ISO instant, or the date itself: a period's days are Shanghai days. */
export function dateOf(instantOrDate: string): string {
  return isIsoDate(instantOrDate) ? instantOrDate : chinaDate(new Date(instantOrDate));
}

const CHINA_TIME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as people in Nantong read it: `2026-12-01 19:05` (Asia/Shanghai), for exports; null stays null. */
export function chinaTime(instant: string | null | undefined): string | null {
  if (!instant) return null;
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant;
  const p = Object.fromEntries(CHINA_TIME.formatToParts(t).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
