import { DatabaseBusyError } from './database-busy.js';
import { WriteCoalescer, type Written } from './write-coalescer.js';

/** A write that takes its time (as a statement does) and records what it was given. */
function recorder(opts: { failOn?: number; error?: Error } = {}) {
  const calls: number[][] = [];
  const write = async (items: number[]): Promise<Written<string>[]> => {
    calls.push(items);
    await new Promise((r) => setTimeout(r, 5));
    if (opts.error) throw opts.error;
    if (opts.failOn !== undefined && items.includes(opts.failOn)) throw new Error(`row ${opts.failOn} refused`);
    return items.map((i) => ({ ok: true, value: `lead-${i}` }));
  };
  return { calls, write };
}

describe('WriteCoalescer (group commit of submissions)', () => {
  it('writes a lone item at once, and gathers the items that arrive while a write runs into the next one', async () => {
    const { calls, write } = recorder();
    const c = new WriteCoalescer(write, { max: 500, inFlight: 1 });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => c.submit(i)));
    expect(answers).toEqual(Array.from({ length: 30 }, (_, i) => `lead-${i}`));
    expect(calls[0]).toEqual([0]);
    expect(calls.length).toBe(2);
    expect(calls[1]).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
  });

  it('puts no more than `max` items in one write and runs at most `inFlight` writes at once', async () => {
    const { calls, write } = recorder();
    let running = 0;
    let most = 0;
    const c = new WriteCoalescer(async (items: number[]) => {
      most = Math.max(most, ++running);
      try {
        return await write(items);
      } finally {
        running--;
      }
    }, { max: 10, inFlight: 2 });
    await Promise.all(Array.from({ length: 45 }, (_, i) => c.submit(i)));
    expect(Math.max(...calls.map((x) => x.length))).toBe(10);
    expect(calls.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect(most).toBe(2);
  });

  it('a write that throws is done again item by item: only the bad item fails, the others are stored', async () => {
    const { calls, write } = recorder({ failOn: 7 });
    const c = new WriteCoalescer(write, { max: 500, inFlight: 1 });
    const settled = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => c.submit(i)));
    expect(settled.filter((s) => s.status === 'rejected').map((s) => (s as PromiseRejectedResult).reason.message)).toEqual(['row 7 refused']);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(11);
    expect(calls.filter((x) => x.length === 1 && x[0] === 7)).toHaveLength(1);
  });

  it('a busy database is the answer for every item of the write, without trying each again', async () => {
    const busy = new DatabaseBusyError(10_000, [{ label: 'background', forMs: 10_000 }]);
    const { calls, write } = recorder({ error: busy });
    const c = new WriteCoalescer(write, { max: 500, inFlight: 1 });
    const settled = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => c.submit(i)));
    expect(settled.every((s) => s.status === 'rejected' && s.reason === busy)).toBe(true);
    expect(calls).toEqual([[0], [1, 2, 3, 4]]);
  });
});
