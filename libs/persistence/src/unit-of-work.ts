import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { Repositories } from './repositories.js';
import type { Database } from './schema.js';
import { DatabaseBusyError } from './database-busy.js';
import { WriteCoalescer, type Written } from './write-coalescer.js';

interface TransactionContext {
  repos: Repositories;
  outboxWritten: boolean;
  done: boolean;
}

interface Operation {
  label: string;
  since: number;
}

export interface UnitOfWorkOptions {
  /** Which database this is (shown by /health). */
  kind: 'pglite' | 'postgres';
  /** How long a caller may wait for a connection (pool acquire); past it, DatabaseBusyError. */
  acquireTimeoutMs: number;
}

/**
 * The one way services reach the database. `read` runs queries; `transaction` runs them in one
 * transaction and hands over only that transaction's repositories, so nothing inside can wait on a
 * second connection (with PGlite there is only one: such a wait never ends). Nested `transaction` and
 * `read` calls join the transaction in progress. A committed transaction that wrote outbox rows tells
 * the outbox listeners (the relay) itself, so no publication waits for the next poll.
 */
export class UnitOfWork {
  readonly #db: Kysely<Database>;
  readonly #root: Repositories;
  readonly #current = new AsyncLocalStorage<TransactionContext>();
  readonly #label = new AsyncLocalStorage<string>();
  readonly #outboxListeners = new Set<() => void>();
  readonly #running = new Set<Operation>();

  readonly kind: UnitOfWorkOptions['kind'];

  constructor(
    db: Kysely<Database>,
    private readonly options: UnitOfWorkOptions,
  ) {
    this.#db = db;
    this.kind = options.kind;
    // Outside a transaction each statement commits on its own: an outbox row written there is committed at once.
    this.#root = new Repositories(db, () => this.outboxCommitted());
  }

  read<T>(fn: (r: Repositories) => Promise<T>): Promise<T> {
    const tx = this.active();
    if (tx) return fn(tx.repos);
    return this.track(() => fn(this.#root));
  }

  async transaction<T>(fn: (r: Repositories) => Promise<T>): Promise<T> {
    const outer = this.active();
    if (outer) return fn(outer.repos);
    const ctx: TransactionContext = { repos: this.#root, outboxWritten: false, done: false };
    let result: T;
    try {
      result = await this.track(() =>
        this.#db.transaction().execute((trx) => {
          ctx.repos = new Repositories(trx, () => (ctx.outboxWritten = true));
          return this.#current.run(ctx, () => fn(ctx.repos));
        }),
      );
    } finally {
      ctx.done = true;
    }
    if (ctx.outboxWritten) this.outboxCommitted();
    return result;
  }

  /** Whether the caller runs inside a transaction of this unit of work (its statements join it). */
  get inTransaction(): boolean {
    return this.active() !== undefined;
  }

  /**
   * A write that callers make one item at a time, done as group commit (WriteCoalescer): items that arrive while
   * a statement runs share the next one. Inside a caller's transaction the item joins that transaction instead.
   * PGlite has one connection, so one statement at a time there; `inFlight` is for a PostgreSQL server.
   */
  coalesced<I, T>(write: (items: I[], r: Repositories) => Promise<Written<T>[]>, o: { max: number; inFlight: number }): (item: I) => Promise<T> {
    const direct = (items: I[]) => this.read((r) => write(items, r));
    const coalescer = new WriteCoalescer<I, T>(direct, { max: o.max, inFlight: this.kind === 'pglite' ? 1 : o.inFlight });
    return async (item) => {
      if (!this.inTransaction) return coalescer.submit(item);
      const [outcome] = await direct([item]);
      if (!outcome!.ok) throw outcome!.error;
      return outcome!.value;
    };
  }

  /** Names the work that follows (a route, a job) so a wait past the bound can say who held the connection. */
  labelled<T>(label: string, fn: () => T): T {
    return this.#label.run(label, fn);
  }

  /** Called after every commit that wrote outbox rows; returns the unsubscribe function. */
  onOutboxCommitted(listener: () => void): () => void {
    this.#outboxListeners.add(listener);
    return () => this.#outboxListeners.delete(listener);
  }

  /** What is using the database now, longest first (for logs and /health). */
  inFlight(): { label: string; forMs: number }[] {
    return this.holders();
  }

  private holders(except?: Operation): { label: string; forMs: number }[] {
    const now = Date.now();
    return [...this.#running].filter((o) => o !== except).map((o) => ({ label: o.label, forMs: now - o.since })).sort((a, b) => b.forMs - a.forMs);
  }

  private outboxCommitted(): void {
    for (const listener of this.#outboxListeners) listener();
  }

  private active(): TransactionContext | undefined {
    const tx = this.#current.getStore();
    // A timer or promise started inside a transaction keeps its context after the commit: it must not join it.
    return tx && !tx.done ? tx : undefined;
  }

  private async track<T>(fn: () => Promise<T>): Promise<T> {
    // PGlite answers on this thread without any I/O, so a loop of database work (a burst, the demo history) would
    // never let the event loop take a request: each unit of work first lets waiting I/O (HTTP, Redis) run.
    if (this.kind === 'pglite') await yieldToOthers();
    const op: Operation = { label: this.#label.getStore() ?? 'background', since: Date.now() };
    this.#running.add(op);
    try {
      return await fn();
    } catch (e) {
      if (isAcquireTimeout(e)) throw new DatabaseBusyError(this.options.acquireTimeoutMs, this.holders(op));
      throw e;
    } finally {
      this.#running.delete(op);
    }
  }
}

/** node-postgres' pool says this when no client became free within connectionTimeoutMillis. */
function isAcquireTimeout(e: unknown): boolean {
  return e instanceof Error && /timeout exceeded when trying to connect/i.test(e.message);
}
