import { sql } from 'kysely';
import type { Viewer } from '#domain';
import { LeadService, OfferDispatchService, ScoringService } from '#pipeline';
import { QueueProducer } from '#queues';
import { DATABASE_KINDS } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { platformForSuite, type TestPlatform } from '../support/platform.js';

const MANAGER: Viewer = { id: 'm', username: 'manager', name: '市科技局', role: 'manager' };
const KINDS = ['sic', 'hydrogen', 'textile'] as const;
const BOARDS = ['haian', 'rugao', 'jiafang', 'netda'];

async function n(p: TestPlatform, q: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return (await q.execute(p.database.db)).rows[0]!.n;
}

/** Effects counted by their business keys: any count above one is a doubled ranking, offer, notice or sharing record. */
async function doubled(p: TestPlatform) {
  return {
    rankings: await n(p, sql`select count(*)::int as n from (select 1 from rankings group by lead_id, scoring_round having count(*) > 1) d`),
    offers: await n(p, sql`select count(*)::int as n from (select 1 from offers group by lead_id, park_id having count(*) > 1) d`),
    notices: await n(p, sql`select count(*)::int as n from (select 1 from notifications group by recipient_kind, recipient_id, kind, lead_id, offer_id having count(*) > 1) d`),
    sharingRecords: await n(p, sql`select count(*)::int as n from (select 1 from sharing_records group by offer_id, version having count(*) > 1) d`),
    events: await n(p, sql`select count(*)::int as n from (select 1 from lead_events where kind in ('scored', 'shared', 'sent-to-review', 'duplicate-flagged') group by lead_id, kind, data->>'otherLeadId' having count(*) > 1) d`),
  };
}

const NONE = { rankings: 0, offers: 0, notices: 0, sharingRecords: 0, events: 0 };

async function snapshot(p: TestPlatform) {
  const out: Record<string, number> = {};
  for (const t of ['leads', 'rankings', 'offers', 'lead_events', 'notifications', 'duplicates', 'sharing_records', 'outbox'])
    out[t] = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(p.database.db)).rows[0]!.n;
  return out;
}

async function createLeads(p: TestPlatform, count: number, tag: string): Promise<string[]> {
  const leads = p.app.get(LeadService);
  const ids: string[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = next++; i < count; i = next++) {
      const kind = KINDS[i % 3]!;
      const base = lead(kind, BOARDS[i % BOARDS.length]!);
      ids[i] = (await leads.create({ ...base, description: `${base.description}（${tag}第${i}号）`, submitter: 'batch-test' }, undefined, MANAGER)).id;
    }
  }));
  return ids;
}

describe.each(DATABASE_KINDS)('batched scoring and sharing on %s', (db) => {
  const p = platformForSuite({ db });
  let producer: QueueProducer;
  beforeAll(() => {
    producer = new QueueProducer(p.redisUrl, p.prefix);
  });
  afterAll(() => producer.close());

  it('a batch replayed, and two copies of one batch at once, change nothing twice', async () => {
    const ids = await createLeads(p, 30, 'replay');
    await p.drain(120_000);
    // A cross-board acceptance makes a sharing record that a replay must leave alone.
    const offer = await p.database.db.selectFrom('offers').innerJoin('leads', 'leads.id', 'offers.lead_id').innerJoin('parks', 'parks.id', 'offers.park_id')
      .select(['offers.id', 'offers.park_id']).where('leads.id', 'in', ids).whereRef('parks.board_id', '!=', 'leads.origin_board_id').executeTakeFirstOrThrow();
    expect((await p.call('POST', `/api/parks/${offer.park_id}/offers/${offer.id}/accept`, undefined, { as: `operator:${offer.park_id}` })).status).toBe(200);
    const before = await snapshot(p);
    expect(before.sharing_records).toBe(1);

    const scoring = p.app.get(ScoringService);
    const items = ids.map((leadId) => ({ leadId, scoringRound: 0 }));
    const [a, b] = await Promise.all([scoring.scoreMany(items), scoring.scoreMany(items)]);
    expect([...a, ...b].every((o) => o.ok && o.value === 'already-scored')).toBe(true);
    const current = await p.database.db.selectFrom('leads').select(['id', 'current_ranking_id']).where('id', 'in', ids).execute();
    const shares = current.map((l) => ({ leadId: l.id, rankingId: l.current_ranking_id! }));
    const again = await Promise.all([p.app.get(OfferDispatchService).shareMany(shares), p.app.get(OfferDispatchService).shareMany(shares)]);
    expect(again.flat().map((o) => (o.ok ? o.value : o.error.message)).filter((v) => v !== 'already-shared' && v !== 'already-accepted')).toEqual([]);
    await p.drain();
    expect(await snapshot(p)).toEqual(before);
    expect(await doubled(p)).toEqual(NONE);
  }, 180_000);

  it('two workers taking the same new leads at once (a replayed outbox) store each lead\'s effects once', async () => {
    // No worker has seen these jobs: both batches race on fresh leads, one transaction wins each lead.
    const scoring = p.app.get(ScoringService);
    await producer.queue('scoring').pause();
    try {
      const ids = await createLeads(p, 30, 'race');
      const items = ids.map((leadId) => ({ leadId, scoringRound: 0 }));
      const [a, b] = await Promise.all([scoring.scoreMany(items), scoring.scoreMany([...items].reverse())]);
      const scored = [...a, ...b].filter((o) => o.ok && o.value === 'scored').length;
      expect(scored).toBe(30);
      expect([...a, ...b].every((o) => o.ok)).toBe(true);
    } finally {
      await producer.queue('scoring').resume();
    }
    await p.drain(120_000);
    expect(await n(p, sql`select count(*)::int as n from leads where status = 'new'`)).toBe(0);
    expect(await doubled(p)).toEqual(NONE);
  }, 180_000);

  it('one bad lead in a batch of 200 does not hold back the other 199; it goes through once fixed', async () => {
    const scoring = producer.queue('scoring');
    await scoring.pause();
    let ids: string[];
    try {
      ids = await createLeads(p, 200, 'batch');
      // The outbox empties into the paused queue, which keeps its 200 jobs.
      for (const end = Date.now() + 60_000; (await n(p, sql`select count(*)::int as n from outbox where published_at is null`)) > 0 || (await scoring.getWaitingCount()) < 200; ) {
        if (Date.now() > end) throw new Error('the 200 scoring jobs never reached the queue');
        await new Promise((r) => setTimeout(r, 100));
      }
      // A real database failure for one lead only: storing its ranking raises, which rolls its whole batch back.
      await sql.raw(`create function pm_test_bad_lead() returns trigger language plpgsql as $$
        begin if new.lead_id = '${ids[137]}' then raise exception 'bad lead in this batch'; end if; return new; end $$`).execute(p.database.db);
      await sql`create trigger pm_test_bad_lead before insert on rankings for each row execute function pm_test_bad_lead()`.execute(p.database.db);
    } finally {
      await scoring.resume();
    }
    const others = ids.filter((_, i) => i !== 137);
    const end = Date.now() + 120_000;
    while ((await n(p, sql`select count(*)::int as n from leads where id = any(${others}) and status <> 'new'`)) < 199) {
      if (Date.now() > end) throw new Error('the other 199 leads were held back');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await n(p, sql`select count(*)::int as n from rankings where lead_id = ${ids[137]!}`)).toBe(0);
    let job = await scoring.getJob(`score.${ids[137]}.0`);
    for (const until = Date.now() + 60_000; !job?.attemptsMade && Date.now() < until; job = await scoring.getJob(`score.${ids[137]}.0`)) await new Promise((r) => setTimeout(r, 100));
    expect(job?.failedReason).toMatch(/bad lead in this batch/);

    await sql`drop trigger pm_test_bad_lead on rankings`.execute(p.database.db);
    await job!.promote().catch(() => undefined); // skip the backoff wait
    await p.drain(120_000);
    expect(await n(p, sql`select count(*)::int as n from leads where id = any(${ids}) and status = 'new'`)).toBe(0);
    expect(await doubled(p)).toEqual(NONE);
  }, 300_000);
});
