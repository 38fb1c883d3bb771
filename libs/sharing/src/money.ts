/**
 * Integer money. Amounts are integer 元; shares are integer basis points. All products go through bigint,
 * so a 100 亿元 project times 10000 bp never leaves exact arithmetic.
 *
 * Rounding rule (largest remainder, 最大余数法): each party first gets floor(value × weight / Σweights);
 * the few 元 left over go one each to the parties with the largest remainders; equal remainders go to the
 * party listed first (callers list the receiving board first: the project is located there).
 * The parts therefore always add up to the value exactly.
 */

export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Splits `total` by integer `weights` (at least one positive) with the largest-remainder rule above. */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum <= 0n || weights.some((w) => w < 0n)) throw new RangeError('weights must be non-negative with a positive sum');
  const parts = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) parts[remainders[k % remainders.length]!.i]! += 1n;
  return parts;
}

/** Two-party split of integer 元 by origin basis points; ties go to the receiving board. */
export function splitAmount(value: number, originBp: number, receiverBp: number): { origin: number; receiver: number } {
  const [receiver, origin] = allocate(BigInt(value), [BigInt(receiverBp), BigInt(originBp)]);
  return { origin: Number(origin), receiver: Number(receiver) };
}

/** 元 → 万元 as an exact decimal string with up to 4 decimals (12345 → "1.2345", 10000 → "1"). */
export function formatWan(yuan: number | bigint): string {
  const v = BigInt(yuan);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const whole = abs / 10000n;
  const frac = (abs % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return (neg ? '-' : '') + whole.toString() + (frac ? '.' + frac : '');
}

/** 万元 → 元, exact: accepts a number or a decimal string with at most 4 decimals ("1.2345" → 12345). */
export function wanToYuan(wan: number | string): number {
  const text = typeof wan === 'number' ? String(wan) : wan.trim();
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(text);
  if (!m) throw new RangeError(`万元金额格式不正确：${text}（应为非负数，最多 4 位小数）`);
  const yuan = BigInt(m[1]!) * 10000n + BigInt((m[2] ?? '').padEnd(4, '0') || '0');
  if (yuan > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`金额过大：${text} 万元`);
  return Number(yuan);
}

/** 元 → 万元 as a number for spreadsheet cells (shortest decimal form equals formatWan for safe integers). */
export function yuanToWanNumber(yuan: number): number {
  return Number(formatWan(yuan));
}
