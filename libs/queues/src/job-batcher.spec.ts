import { JobBatcher } from './job-batcher.js';
import type { Settled } from './job-handler.js';

describe('JobBatcher: ready jobs go together, and still fail one by one', () => {
  it('hands ready jobs over in batches of at most `max`', async () => {
    const sizes: number[] = [];
    const b = new JobBatcher<number>(async (ps) => {
      sizes.push(ps.length);
      return ps.map((p) => ({ ok: true, value: p * 2 }));
    }, { max: 200, lingerMs: 5 });
    const results = await Promise.all(Array.from({ length: 450 }, (_, i) => b.submit(i)));
    expect(results).toEqual(Array.from({ length: 450 }, (_, i) => i * 2));
    expect(sizes).toEqual([200, 200, 50]);
  });

  it('one bad item in a batch of 200 fails its own job; the other 199 go through', async () => {
    const calls: number[] = [];
    const fallbacks: number[] = [];
    // As a transaction would: one bad item makes the whole batch throw.
    const b = new JobBatcher<number>(async (ps): Promise<Settled<number>[]> => {
      calls.push(ps.length);
      if (ps.includes(137)) throw new Error('bad row 137');
      return ps.map((p) => ({ ok: true, value: p }));
    }, { max: 200, lingerMs: 5 }, (_e, n) => fallbacks.push(n));
    const settled = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => b.submit(i)));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(199);
    expect(settled[137]).toMatchObject({ status: 'rejected', reason: new Error('bad row 137') });
    expect(fallbacks).toEqual([200]);
    expect(calls[0]).toBe(200);
    expect(calls.slice(1).every((n) => n === 1)).toBe(true);
  });

  it('an item the handler reports as failed fails alone, without a rerun of the batch', async () => {
    let calls = 0;
    const b = new JobBatcher<number>(async (ps) => {
      calls++;
      return ps.map((p) => (p === 3 ? { ok: false, error: new Error('lead 3 does not exist') } : { ok: true, value: p }));
    }, { max: 10, lingerMs: 5 });
    const settled = await Promise.allSettled([1, 2, 3, 4].map((p) => b.submit(p)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(calls).toBe(1);
  });
});
