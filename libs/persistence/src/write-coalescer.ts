import { DatabaseBusyError } from './database-busy.js';

export type Written<T> = { ok: true; value: T } | { ok: false; error: Error };

export interface CoalescerOptions {
  /** Most items in one statement. */
  max: number;
  /** Statements of this coalescer at once (PGlite has one connection: 1). */
  inFlight: number;
}

/**
 * Group commit for writes that arrive together: while `inFlight` statements run, new items wait, and the next
 * statement takes every item that waited (up to `max`). A lone item goes at once, so nothing waits for a timer;
 * under a burst, 200 submissions become one multi-row statement instead of 200 round trips. Each item still
 * succeeds or fails alone: a statement that throws runs again item by item (a busy database is the answer for all).
 */
export class WriteCoalescer<I, T> {
  private readonly waiting: { item: I; resolve: (v: T) => void; reject: (e: Error) => void }[] = [];
  private running = 0;

  constructor(
    private readonly write: (items: I[]) => Promise<Written<T>[]>,
    private readonly options: CoalescerOptions,
  ) {}

  submit(item: I): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.inFlight && this.waiting.length) {
      const batch = this.waiting.splice(0, this.options.max);
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(batch: typeof this.waiting): Promise<void> {
    let outcomes: Written<T>[];
    try {
      outcomes = await this.write(batch.map((w) => w.item));
    } catch (e) {
      if (batch.length === 1 || e instanceof DatabaseBusyError) return batch.forEach((w) => w.reject(e as Error));
      for (const w of batch) await this.run([w]);
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(o.error)));
  }
}
