import { DATABASE_KINDS, databaseForSuite } from './testing/databases.js';
import { connectDatabase, type DatabaseHandle } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { DatabaseBusyError } from './database-busy.js';
import { createServerDatabase } from './testing/databases.js';

const scoreJob = { name: 'score-lead', payload: { parse: (v: unknown) => { const p = v as { leadId?: unknown }; if (typeof p?.leadId !== 'string') throw new Error('leadId required'); return p as { leadId: string }; } } };

async function outboxRows(h: DatabaseHandle): Promise<number> {
  return h.uow.read((r) => r.outbox.pendingCount());
}

describe.each(DATABASE_KINDS)('UnitOfWork on %s', (kind) => {
  const h = databaseForSuite(kind);

  it('a read inside a transaction runs on the transaction (sees its own writes; no second connection to wait for)', async () => {
    const seen = await h.uow.transaction(async (r) => {
      await r.outbox.add(scoreJob, { leadId: 'inside' });
      return h.uow.read((again) => again.outbox.pendingCount());
    });
    expect(seen).toBe(1);
  });

  it('a loop of database work lets the event loop run between its units, so a request that arrives meanwhile is not held behind the whole loop', async () => {
    let ranAfter = -1;
    let done = 0;
    setImmediate(() => (ranAfter = done));
    for (; done < 40; done++) await h.uow.read((r) => r.outbox.pendingCount());
    expect(ranAfter).toBeGreaterThanOrEqual(0);
    expect(ranAfter).toBeLessThan(40);
  });

  it('a coalesced write takes the items that arrive together in one statement, and inside a transaction joins it (rolled back with it)', async () => {
    const batches: number[] = [];
    const write = h.uow.coalesced<string, string>(async (ids, r) => {
      batches.push(ids.length);
      await r.outbox.addMany(scoreJob, ids.map((leadId) => ({ leadId })));
      return ids.map((id) => ({ ok: true as const, value: id }));
    }, { max: 50, inFlight: 1 });
    const before = await outboxRows(h);
    expect(await Promise.all(['c1', 'c2', 'c3', 'c4', 'c5'].map(write))).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(batches).toEqual([1, 4]); // the first goes at once; the four that waited share the next statement
    expect(await outboxRows(h)).toBe(before + 5);
    await expect(h.uow.transaction(async () => {
      await write('in-tx');
      throw new Error('stop');
    })).rejects.toThrow('stop');
    expect(batches).toEqual([1, 4, 1]);
    expect(await outboxRows(h)).toBe(before + 5);
  });

  it('a nested transaction joins the outer one: when the outer fails, nothing of either is kept', async () => {
    const before = await outboxRows(h);
    await expect(
      h.uow.transaction(async (r) => {
        await r.outbox.add(scoreJob, { leadId: 'outer' });
        await h.uow.transaction((inner) => inner.outbox.add(scoreJob, { leadId: 'inner' }));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await outboxRows(h)).toBe(before);
  });

  it('outbox listeners hear of a commit that wrote outbox rows, once, and never of a rollback', async () => {
    const heard: number[] = [];
    const off = h.uow.onOutboxCommitted(() => heard.push(Date.now()));
    await h.uow.transaction((r) => r.outbox.add(scoreJob, { leadId: 'a' }));
    await h.uow.transaction(async (r) => r.leads.any()); // no outbox row: nothing to hear
    await h.uow.transaction(async (r) => {
      await r.outbox.add(scoreJob, { leadId: 'b' });
      await r.outbox.addMany(scoreJob, [{ leadId: 'c' }, { leadId: 'd' }]);
    });
    await h.uow.transaction(async (r) => {
      await r.outbox.add(scoreJob, { leadId: 'e' });
      throw new Error('rolled back');
    }).catch(() => undefined);
    off();
    expect(heard).toHaveLength(2);
  });

  it('an outbox row written outside a transaction commits on its own, and is heard at once', async () => {
    let heard = 0;
    const off = h.uow.onOutboxCommitted(() => heard++);
    await h.uow.read((r) => r.outbox.add(scoreJob, { leadId: 'alone' }));
    off();
    expect(heard).toBe(1);
  });

  it('an outbox payload that does not fit its job is refused before anything is written', async () => {
    const before = await outboxRows(h);
    await expect(h.uow.transaction((r) => r.outbox.add(scoreJob, { leadId: 42 } as never))).rejects.toThrow('leadId required');
    expect(await outboxRows(h)).toBe(before);
  });

  it('work started inside a transaction and running after its commit does not join the finished transaction', async () => {
    let later: Promise<number> | undefined;
    await h.uow.transaction(async () => {
      later = new Promise((resolve, reject) => setTimeout(() => h.uow.read((r) => r.outbox.pendingCount()).then(resolve, reject), 50));
    });
    await expect(later).resolves.toEqual(expect.any(Number));
  });
});

describe.each(DATABASE_KINDS)('waiting for a connection is bounded on %s', (kind) => {
  it('past the bound the caller gets DatabaseBusyError naming what holds the connections', async () => {
    const url = kind === 'postgres' ? await createServerDatabase() : undefined;
    const poolSize = 2;
    const h = await connectDatabase(url ? { databaseUrl: url, poolSize, acquireTimeoutMs: 300 } : { dataDir: 'memory://', acquireTimeoutMs: 300 });
    await migrateToLatest(h.db);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const holders = Array.from({ length: kind === 'postgres' ? poolSize : 1 }, () => h.uow.labelled('test: a held transaction', () => h.uow.transaction(() => gate)));
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    const err = await h.uow.labelled('GET /api/parks', () => h.uow.read((r) => r.parks.listBoards())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseBusyError);
    expect((err as DatabaseBusyError).message).toContain('test: a held transaction');
    expect(Date.now() - t0).toBeLessThan(5000);
    release();
    await Promise.all(holders);
    expect(await h.uow.read((r) => r.parks.listBoards())).toEqual([]);
    await h.close();
  });
});
