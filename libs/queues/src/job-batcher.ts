import type { BatchOptions, Settled } from './job-handler.js';

const FALLBACK_PARALLEL = 4;

interface Waiting<P> {
  payload: P;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Gathers the payloads of jobs that are ready at the same time into one call of a batch handler: a batch goes as
 * soon as it is full, or when no job joined it for `lingerMs` (at most 5 × `lingerMs` after its first). Whatever is batched still fails per job: when the
 * whole batch throws (its transaction rolled back), every item runs again alone, so one bad item fails its own job
 * and the others go through.
 */
export class JobBatcher<P> {
  private pending: Waiting<P>[] = [];
  private timer?: NodeJS.Timeout;
  private firstAt = 0;

  constructor(
    private readonly run: (payloads: P[]) => Promise<Settled<unknown>[]>,
    private readonly options: BatchOptions,
    private readonly onFallback: (error: Error, size: number) => void = () => undefined,
  ) {}

  submit(payload: P): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!this.pending.length) this.firstAt = Date.now();
      this.pending.push({ payload, resolve, reject });
      if (this.pending.length >= this.options.max) return this.flush();
      // A batch waits while jobs keep arriving (BullMQ hands them over one by one), at most 5 × lingerMs.
      clearTimeout(this.timer);
      const left = 5 * this.options.lingerMs - (Date.now() - this.firstAt);
      this.timer = setTimeout(() => this.flush(), Math.max(0, Math.min(this.options.lingerMs, left)));
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0, this.options.max);
    this.firstAt = Date.now();
    if (this.pending.length) this.timer = setTimeout(() => this.flush(), this.options.lingerMs);
    if (batch.length) void this.runBatch(batch);
  }

  private async runBatch(batch: Waiting<P>[]): Promise<void> {
    let outcomes: Settled<unknown>[];
    try {
      outcomes = await this.run(batch.map((w) => w.payload));
      if (outcomes.length !== batch.length) throw new Error(`batch handler returned ${outcomes.length} outcomes for ${batch.length} jobs`);
    } catch (e) {
      if (batch.length === 1) return batch[0]!.reject(e as Error);
      this.onFallback(e as Error, batch.length);
      // A few at a time: 200 single transactions at once would take every pooled connection past its wait bound.
      for (let i = 0; i < batch.length; i += FALLBACK_PARALLEL) await Promise.all(batch.slice(i, i + FALLBACK_PARALLEL).map((w) => this.runBatch([w])));
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(o.error)));
  }
}
