/** The result of one parsing step: a value, or a reason a person can act on (Chinese). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Round to `digits` decimals without binary noise (1.005 → 1.01). */
export function round(n: number, digits: number): number {
  // Decimal shifting via the string form avoids 1.005 * 100 = 100.49999…; exponent forms shift by multiplying.
  if (!Number.isFinite(n) || /e/i.test(String(n))) return Math.round(n * 10 ** digits) / 10 ** digits;
  return Number(Math.round(Number(`${n}e${digits}`)) + `e-${digits}`);
}
