import type { RowResult } from '../batch.js';

/** Reads a batch to its end as an import does: how many rows were accepted, and every refused row as it came. */
export async function readAll(batch: AsyncIterable<RowResult>): Promise<{ good: number; bad: RowResult[] }> {
  const bad: RowResult[] = [];
  let good = 0;
  for await (const r of batch) {
    if (r.ok) good++;
    else bad.push(r);
  }
  return { good, bad };
}
