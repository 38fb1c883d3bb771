/** The result of one parsing step: a value, or a reason a person can act on (Chinese). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Round to `digits` decimals without binary noise (1.005 → 1.01). */
export function round(n: number, digits: number): number {
  // Decimal shifting via the string form avoids 1.005 * 100 = 100.49999…; exponent forms shift by multiplying.
  // A shifted value of 1e21 or more prints as 1e+21 itself, and "1e+21e-2" is NaN: shift those back by dividing.
  if (!Number.isFinite(n) || /e/i.test(String(n))) return Math.round(n * 10 ** digits) / 10 ** digits;
  const shifted = Math.round(Number(`${n}e${digits}`));
  return /e/i.test(String(shifted)) ? shifted / 10 ** digits : Number(`${shifted}e-${digits}`);
}
