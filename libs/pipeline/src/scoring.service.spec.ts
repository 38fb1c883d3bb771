import { sql } from 'kysely';
import { JOBS, jobIdFor } from '#queues';
import { LeadService } from './lead.service.js';
import { MatcherService } from './matcher.service.js';
import { RescoreService } from './rescore.service.js';
import { ScoringService } from './scoring.service.js';
import { DATABASE_KINDS, LEADS, MANAGER, pipelineForSuite } from './testing/pipeline.js';

/** The score-lead job's service against a real database and Redis: what the manager then reads on the lead. */
describe.each(DATABASE_KINDS)('ScoringService on %s', (kind) => {
  const p = pipelineForSuite(kind);
  let scoring: ScoringService;
  let leads: LeadService;
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(p.db.db)).rows[0]!.n;
  const effects = async (leadId: string) => ({
    rankings: await count(sql`select count(*)::int as n from rankings where lead_id = ${leadId}`),
    offers: await count(sql`select count(*)::int as n from offers where lead_id = ${leadId}`),
    notices: await count(sql`select count(*)::int as n from notifications where lead_id = ${leadId}`),
    events: await count(sql`select count(*)::int as n from lead_events where lead_id = ${leadId}`),
  });

  beforeAll(() => {
    scoring = p.get(ScoringService);
    leads = p.get(LeadService);
  });

  it('a new lead gets a stored ranking of every park naming the engine and profile versions, and is shared to its best parks', async () => {
    const id = await p.submit('jiafang', LEADS.sic(1));
    expect(await scoring.score(id, 0)).toBe('scored');
    const { matcher, profileVersions } = await p.get(MatcherService).current();
    const d = await leads.detail(id, MANAGER);
    expect(d.ranking).toMatchObject({ round: 0, engineVersion: matcher.version, profileVersions, noFit: false });
    expect(Object.keys(d.ranking!.profileVersions)).toHaveLength(20);
    expect(d.ranking!.results).toHaveLength(20);
    expect(d.ranking!.results[0]!.reasons.length).toBeGreaterThan(0);
    expect(d.status).toBe('shared');
    expect(d.offers.length).toBeGreaterThan(0);
    expect(d.offers.map((o) => o.parkId)).toContain(d.ranking!.results[0]!.parkId);
    expect(d.history.map((e) => e.kind)).toEqual(['created', 'scored', 'shared']);
  });

  it('the same score-lead job run again (a redelivered job) stores nothing twice: one ranking, the same offers, notices and history', async () => {
    const id = await p.submit('haian', LEADS.sic(2));
    expect(await scoring.score(id, 0)).toBe('scored');
    const once = await effects(id);
    expect(await scoring.score(id, 0)).toBe('already-scored');
    // Two copies of the job in one batch (a replay racing the first run) count as one.
    expect((await scoring.scoreMany([{ leadId: id, scoringRound: 0 }, { leadId: id, scoringRound: 0 }])).map((o) => o.ok && o.value)).toEqual(['already-scored', 'already-scored']);
    expect(await effects(id)).toEqual(once);
    expect(once.rankings).toBe(1);
  });

  it('a rescore stores a second ranking once, queues one distribute-lead job on Redis, and an older round arriving late changes nothing', async () => {
    const id = await p.submit('rugao', LEADS.sic(3));
    await scoring.score(id, 0);
    const rescore = p.get(RescoreService);
    const { runId } = await rescore.start('园区主攻方向年度修订');
    expect((await rescore.run(runId)).queued).toBeGreaterThan(0);
    expect(await scoring.score(id, 1)).toBe('scored');
    expect(await scoring.score(id, 1)).toBe('already-scored');
    expect(await scoring.score(id, 0)).toBe('stale-round');
    const d = await leads.detail(id, MANAGER);
    expect(d.ranking!.round).toBe(1);
    expect(await count(sql`select count(*)::int as n from rankings where lead_id = ${id}`)).toBe(2);
    expect(d.history.filter((e) => e.kind === 'scored')).toHaveLength(2);

    // The outbox relay publishes the rescored lead's distribute-lead job to BullMQ, once, under its business key.
    const jobId = jobIdFor(JOBS.distributeLead.name, { leadId: id, rankingId: d.ranking!.id });
    const queue = p.producer.queue(JOBS.distributeLead.queue);
    for (const end = Date.now() + 30_000; !(await queue.getJob(jobId)); ) {
      if (Date.now() > end) throw new Error(`distribute-lead job ${jobId} never reached Redis`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const shareJobs = (await queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j.data.leadId === id);
    expect(shareJobs.map((j) => j.id)).toEqual([jobId]);
  });

  it('one lead that does not exist in a batch fails alone; the others are scored and shared', async () => {
    const a = await p.submit('haimen', LEADS.sic(4));
    const b = await p.submit('qidong', LEADS.sic(5));
    const out = await scoring.scoreMany([{ leadId: a, scoringRound: 0 }, { leadId: '00000000-0000-4000-8000-000000000000', scoringRound: 0 }, { leadId: b, scoringRound: 0 }]);
    expect(out.map((o) => o.ok)).toEqual([true, false, true]);
    expect(out[1]!.ok === false && out[1]!.error.message).toMatch(/does not exist/);
    for (const id of [a, b]) expect((await leads.detail(id, MANAGER)).status).toBe('shared');
  });
});
