import { DeadlineService, RescoreService, ScoringService } from '#pipeline';
import { DATABASE_KINDS } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { platformForSuite, type TestPlatform } from '../support/platform.js';

const HOUR = 3600_000;

async function openOffers(p: TestPlatform, leadIds: string[]) {
  const offers = [];
  for (const id of leadIds) offers.push(...(await p.call('GET', `/api/leads/${id}`, undefined, { as: 'manager' })).body.offers.filter((o: any) => o.status === 'open'));
  return offers;
}

describe.each(DATABASE_KINDS)('response clocks, previews and rescoring progress on %s', (db) => {
  const p = platformForSuite({ db });

  it("the live preview shares a promoter's text as its own board's submission would be shared", async () => {
    const parks = (await p.call('GET', '/api/parks')).body.items as { id: string; board: { id: string } }[];
    const boardOf = new Map(parks.map((x) => [x.id, x.board.id]));
    const r = await p.call('POST', '/api/match/preview', { description: lead('hydrogen', 'rugao').description }, { as: 'promoter:rugao' });
    expect(r.status).toBe(200);
    expect(r.body.selection).toBe('same-board');
    expect(r.body.offerParks.map((id: string) => boardOf.get(id))).toEqual(['rugao']);
  });

  it('both clocks escalate, each once, and already-escalated offers never starve new ones', async () => {
    const deadlines = p.app.get(DeadlineService);
    const first = [];
    for (const kind of ['sic', 'hydrogen'] as const) first.push((await p.call('POST', '/api/leads', lead(kind, 'haian'), { as: 'promoter:haian' })).body.id);
    await p.drain();
    const offersA = await openOffers(p, first);
    expect(offersA.length).toBeGreaterThan(1);
    const now = Date.now();

    // With a batch of one, the loop still reaches every due offer.
    expect(await deadlines.escalate(new Date(now + 25 * HOUR), { batch: 1 })).toEqual({ respond: offersA.length, assess: 0 });
    expect(await deadlines.escalate(new Date(now + 25 * HOUR), { batch: 1 })).toEqual({ respond: 0, assess: 0 });

    const later = (await p.call('POST', '/api/leads', lead('sic', 'rugao'), { as: 'promoter:rugao' })).body.id;
    await p.drain();
    const offersB = await openOffers(p, [later]);
    // The earlier offers stay unanswered and escalated: the new ones are still reached.
    expect((await deadlines.escalate(new Date(now + 26 * HOUR), { batch: 1 })).respond).toBe(offersB.length);

    // The assessment clock (72 h) escalates what is still undecided, once.
    expect(await deadlines.escalate(new Date(now + 73 * HOUR), { batch: 1 })).toEqual({ respond: 0, assess: offersA.length + offersB.length });
    expect(await deadlines.escalate(new Date(now + 74 * HOUR))).toEqual({ respond: 0, assess: 0 });

    const park = offersA[0].parkId;
    const notes = await p.call('GET', `/api/notifications?recipientKind=park&recipientId=${park}`, undefined, { as: `operator:${park}` });
    const kinds = notes.body.items.filter((n: any) => n.lead_id === offersA[0].leadId || n.leadId === offersA[0].leadId).map((n: any) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['overdue', 'assess-overdue']));
    const overdue = await p.call('GET', '/api/offers/overdue', undefined, { as: 'manager' });
    expect(overdue.status).toBe(200);
  });
});

describe.each(DATABASE_KINDS)('a rescoring run tells the truth on %s', (db) => {
  // No workers: the test itself plays the jobs, so what the run reports in between can be read.
  const p = platformForSuite({ db, worker: false });

  it('is running, not done, until every queued lead has its new ranking', async () => {
    const ids = [];
    for (const kind of ['sic', 'hydrogen', 'textile'] as const) ids.push((await p.call('POST', '/api/leads', lead(kind, 'haian'), { as: 'promoter:haian' })).body.id);
    const started = await p.call('POST', '/api/rescore', { reason: '年度动态评估后重算' }, { as: 'manager' });
    expect(started.status).toBe(202);
    const runId = started.body.runId;
    await p.app.get(RescoreService).run(runId);

    const mid = (await p.call('GET', `/api/rescore/${runId}`, undefined, { as: 'manager' })).body;
    expect(mid).toMatchObject({ status: 'running', phase: 'scoring', rescored: 0 });
    expect(mid.queued).toBeGreaterThanOrEqual(3);

    const scoring = p.app.get(ScoringService);
    const leads = await Promise.all(ids.map(async (id) => (await p.call('GET', `/api/leads/${id}`, undefined, { as: 'manager' })).body));
    expect(leads.map((l) => l.scoringRound)).toEqual([1, 1, 1]);
    await scoring.score(leads[0].id, 1);
    const partly = (await p.call('GET', `/api/rescore/${runId}`, undefined, { as: 'manager' })).body;
    expect(partly).toMatchObject({ status: 'running', rescored: 1 });

    for (const l of leads.slice(1)) await scoring.score(l.id, 1);
    const done = (await p.call('GET', `/api/rescore/${runId}`, undefined, { as: 'manager' })).body;
    expect(done).toMatchObject({ status: 'done', rescored: 3, queued: 3 });
    expect(done.finishedAt).toBeTruthy();
  });
});
