import { sql } from 'kysely';
import { InboxService } from './inbox.service.js';
import { LeadService } from './lead.service.js';
import { OfferDecisionService } from './offer-decision.service.js';
import { OfferDispatchService } from './offer-dispatch.service.js';
import { RescoreService } from './rescore.service.js';
import { ScoringService } from './scoring.service.js';
import { DATABASE_KINDS, LEADS, MANAGER, operator, pipelineForSuite } from './testing/pipeline.js';

/** The distribute-lead job's service against a real database: what the parks' inboxes and the lead's history then show. */
describe.each(DATABASE_KINDS)('OfferDispatchService on %s', (kind) => {
  const p = pipelineForSuite(kind);
  let dispatch: OfferDispatchService;
  let scoring: ScoringService;
  let leads: LeadService;
  let n = 100;
  const offers = async (leadId: string) =>
    (await sql<{ park_id: string; ranking_id: string; status: string }>`select park_id, ranking_id, status from offers where lead_id = ${leadId} order by park_id, ranking_id`.execute(p.db.db)).rows;
  const notices = async (leadId: string) => (await sql<{ n: number }>`select count(*)::int as n from notifications where lead_id = ${leadId}`.execute(p.db.db)).rows[0]!.n;

  /** A lead scored (round 0, shared in the same transaction) and rescored (round 1, its distribute-lead job not yet run). */
  async function rescored(board: string): Promise<{ id: string; rankingId: string }> {
    const id = await p.submit(board, LEADS.sic(n++));
    expect(await scoring.score(id, 0)).toBe('scored');
    const rescore = p.get(RescoreService);
    await rescore.run((await rescore.start('园区主攻方向年度修订')).runId);
    expect(await scoring.score(id, 1)).toBe('scored');
    return { id, rankingId: (await leads.detail(id, MANAGER)).ranking!.id };
  }

  beforeAll(() => {
    dispatch = p.get(OfferDispatchService);
    scoring = p.get(ScoringService);
    leads = p.get(LeadService);
  });

  it('a distribute-lead job replayed for the ranking a lead was already shared on creates no second offer, notice or history entry', async () => {
    const id = await p.submit('jiafang', LEADS.sic(n++));
    await scoring.score(id, 0);
    const d = await leads.detail(id, MANAGER);
    const before = { offers: await offers(id), notices: await notices(id), history: d.history.length };
    expect(before.offers.length).toBeGreaterThan(0);
    expect(await dispatch.share(id, d.ranking!.id)).toBe('already-shared');
    expect(await dispatch.share(id, d.ranking!.id)).toBe('already-shared');
    expect({ offers: await offers(id), notices: await notices(id), history: (await leads.detail(id, MANAGER)).history.length }).toEqual(before);
    // The park sees the lead once in its inbox.
    const park = before.offers[0]!.park_id;
    const inbox = await p.get(InboxService).list(park, {}, { limit: 100, offset: 0 }, operator(park, d.offers[0]!.board));
    expect(inbox.items.filter((o) => o.leadId === id)).toHaveLength(1);
  });

  it("a rescored lead's distribute-lead job, run twice, keeps the chosen parks' open offers and records the new ranking once", async () => {
    const { id, rankingId } = await rescored('haian');
    const open = (await offers(id)).filter((o) => o.status === 'open').map((o) => o.park_id);
    expect(await dispatch.share(id, rankingId)).toBe('offered');
    const once = { offers: await offers(id), notices: await notices(id), history: (await leads.detail(id, MANAGER)).history };
    expect(await dispatch.share(id, rankingId)).toBe('already-shared');
    expect(await dispatch.shareMany([{ leadId: id, rankingId }, { leadId: id, rankingId }])).toEqual([{ ok: true, value: 'already-shared' }, { ok: true, value: 'already-shared' }]);
    const again = { offers: await offers(id), notices: await notices(id), history: (await leads.detail(id, MANAGER)).history };
    expect(again).toEqual(once);
    expect(once.offers.filter((o) => o.status === 'open').map((o) => o.park_id)).toEqual(open);
    expect(once.history.filter((e) => e.kind === 'shared' && e.data.rankingId === rankingId)).toHaveLength(1);
  });

  it('in a batch, a lead that does not exist fails alone and a stale ranking is skipped; the other leads are shared', async () => {
    const a = await rescored('rugao');
    const b = await rescored('qidong');
    const out = await dispatch.shareMany([
      { leadId: a.id, rankingId: a.rankingId },
      { leadId: '00000000-0000-4000-8000-000000000000', rankingId: a.rankingId },
      { leadId: b.id, rankingId: '00000000-0000-4000-8000-000000000001' },
      { leadId: b.id, rankingId: b.rankingId },
    ]);
    expect(out.map((o) => (o.ok ? o.value : 'failed'))).toEqual(['offered', 'failed', 'stale-ranking', 'offered']);
    expect(out[1]!.ok === false && out[1]!.error.message).toMatch(/does not exist/);
    for (const x of [a, b]) {
      const d = await leads.detail(x.id, MANAGER);
      expect(d.status).toBe('shared');
      expect(d.history.filter((e) => e.kind === 'shared').map((e) => e.data.rankingId)).toContain(x.rankingId);
    }
  });

  it('a lead no park fits goes to the manager once, with one notice, however often its job runs', async () => {
    const id = await p.submit('haimen', LEADS.bakery());
    await scoring.score(id, 0);
    const d = await leads.detail(id, MANAGER);
    expect(d.status).toBe('review');
    expect(d.offers).toEqual([]);
    expect(await dispatch.share(id, d.ranking!.id)).toBe('already-shared');
    const after = await leads.detail(id, MANAGER);
    expect(after.history.filter((e) => e.kind === 'sent-to-review')).toHaveLength(1);
    expect(await notices(id)).toBe(1);
  });

  it("the manager's desk sends a reviewed lead to the chosen parks once: a lead not in review, an unknown park or a park offered it before are refused with their codes", async () => {
    const id = await p.submit('haian', LEADS.bakery());
    await scoring.score(id, 0);
    const [park] = (await leads.detail(id, MANAGER)).ranking!.results;
    const refused = (code: string, status: number) => expect.objectContaining({ code, status, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    await expect(dispatch.sendToParks(id, ['no-such-park'], MANAGER.username)).rejects.toEqual(refused('PARK_UNKNOWN', 400));
    expect(await dispatch.sendToParks(id, [park!.parkId], MANAGER.username, '园区有闲置厂房')).toMatchObject({ status: 'shared', offers: 1 });
    const d = await leads.detail(id, MANAGER);
    expect(d.offers.map((o) => o.parkId)).toEqual([park!.parkId]);
    expect(d.history.at(-1)).toMatchObject({ kind: 'sent-by-manager', actor: MANAGER.username, data: { parks: [park!.parkId], note: '园区有闲置厂房' } });
    await expect(dispatch.sendToParks(id, [park!.parkId], MANAGER.username)).rejects.toEqual(refused('LEAD_NOT_IN_REVIEW', 409));
    // The park declines, the lead is back on the desk: the same park is not offered it twice.
    await p.get(OfferDecisionService).decline(park!.parkId, d.offers[0]!.id, operator(park!.parkId, park!.board), 'no_space');
    expect((await leads.detail(id, MANAGER)).status).toBe('review');
    await expect(dispatch.sendToParks(id, [park!.parkId], MANAGER.username)).rejects.toEqual(refused('OFFER_ALREADY_SENT', 409));
    expect((await offers(id)).length).toBe(1);
  });
});
