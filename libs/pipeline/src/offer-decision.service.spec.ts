import { sql } from 'kysely';
import { DomainError } from '#errors';
import { InboxService } from './inbox.service.js';
import { LeadService } from './lead.service.js';
import { OfferDecisionService } from './offer-decision.service.js';
import { ScoringService } from './scoring.service.js';
import { DATABASE_KINDS, LEADS, MANAGER, operator, pipelineForSuite, refused } from './testing/pipeline.js';

/** The parks' decisions on offers against a real database: accept and decline rules as parks and managers see them. */
describe.each(DATABASE_KINDS)('OfferDecisionService on %s', (kind) => {
  const p = pipelineForSuite(kind);
  let decisions: OfferDecisionService;
  let leads: LeadService;
  let n = 200;

  /** A lead from 家纺 (no semiconductor park of its own) scored and offered to at least two parks. */
  async function offered() {
    const id = await p.submit('jiafang', LEADS.sic(n++));
    expect(await p.get(ScoringService).score(id, 0)).toBe('scored');
    const d = await leads.detail(id, MANAGER);
    expect(d.offers.length).toBeGreaterThanOrEqual(2);
    return { id, offers: d.offers.map((o) => ({ id: o.id, parkId: o.parkId, as: operator(o.parkId, o.board) })) };
  }
  const inboxStatus = async (o: { id: string; parkId: string; as: ReturnType<typeof operator> }) =>
    (await p.get(InboxService).list(o.parkId, {}, { limit: 100, offset: 0 }, o.as)).items.find((x) => x.offerId === o.id)?.status;

  beforeAll(() => {
    decisions = p.get(OfferDecisionService);
    leads = p.get(LeadService);
  });

  it('the park that accepts gets the lead at 洽谈, every other open offer is withdrawn, and a cross-board acceptance proposes a sharing record', async () => {
    const { id, offers: [first, ...others] } = await offered();
    const res = await decisions.accept(first!.parkId, first!.id, first!.as);
    expect(res).toMatchObject({ leadId: id, parkId: first!.parkId, stage: '洽谈', withdrawn: others.length, crossBoard: true, sharingRecordId: expect.any(String) });
    const d = await leads.detail(id, MANAGER);
    expect(d).toMatchObject({ status: 'accepted', stage: '洽谈', acceptedParkId: first!.parkId });
    expect(d.offers.find((o) => o.id === first!.id)!.status).toBe('accepted');
    for (const o of others) expect(await inboxStatus(o)).toBe('withdrawn');
  });

  it('a second acceptance is refused with LEAD_ALREADY_ACCEPTED, whether the same offer again or another park; the first park keeps the lead', async () => {
    const { id, offers: [first, second] } = await offered();
    await decisions.accept(first!.parkId, first!.id, first!.as);
    await expect(decisions.accept(first!.parkId, first!.id, first!.as)).rejects.toEqual(refused('LEAD_ALREADY_ACCEPTED', 409));
    await expect(decisions.accept(second!.parkId, second!.id, second!.as)).rejects.toEqual(refused('LEAD_ALREADY_ACCEPTED', 409));
    expect((await leads.detail(id, MANAGER)).acceptedParkId).toBe(first!.parkId);
    const accepted = await sql<{ n: number }>`select count(*)::int as n from lead_events where lead_id = ${id} and kind = 'accepted'`.execute(p.db.db);
    expect(accepted.rows[0]!.n).toBe(1);
  });

  it('two parks accepting at once: one gets the lead, the other a 409', async () => {
    const { id, offers: [a, b] } = await offered();
    const both = await Promise.allSettled([decisions.accept(a!.parkId, a!.id, a!.as), decisions.accept(b!.parkId, b!.id, b!.as)]);
    expect(both.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const lost = both.find((x): x is PromiseRejectedResult => x.status === 'rejected')!;
    expect(lost.reason).toEqual(refused('LEAD_ALREADY_ACCEPTED', 409));
    const winner = both[0]!.status === 'fulfilled' ? a! : b!;
    expect((await leads.detail(id, MANAGER)).acceptedParkId).toBe(winner.parkId);
  });

  it("only the park's own operator decides its offer: another park's operator is refused and the offer stays open", async () => {
    const { offers: [a, b] } = await offered();
    await expect(decisions.accept(a!.parkId, a!.id, b!.as)).rejects.toEqual(refused('FORBIDDEN', 403));
    await expect(decisions.decline(a!.parkId, a!.id, MANAGER, 'no_space')).rejects.toEqual(refused('FORBIDDEN', 403));
    expect(await inboxStatus(a!)).toBe('open');
  });

  it('a decline needs a known reason, is final (declining or accepting it again is OFFER_ALREADY_DECIDED), and when every park declined the lead goes to the manager', async () => {
    const { id, offers: list } = await offered();
    const [a] = list;
    const bad = await decisions.decline(a!.parkId, a!.id, a!.as, 'too_far').catch((e: unknown) => e);
    expect(bad).toEqual(refused('INVALID_DECLINE_REASON', 400));
    expect((bad as DomainError).message).toContain('not_in_specialization（不符合园区主攻方向）');
    expect(await decisions.decline(a!.parkId, a!.id, a!.as, 'no_space', '园区现有用地已排满')).toMatchObject({ openOffersLeft: list.length - 1 });
    await expect(decisions.decline(a!.parkId, a!.id, a!.as, 'no_space')).rejects.toEqual(refused('OFFER_ALREADY_DECIDED', 409));
    await expect(decisions.accept(a!.parkId, a!.id, a!.as)).rejects.toEqual(refused('OFFER_ALREADY_DECIDED', 409));
    expect((await leads.detail(id, MANAGER)).status).toBe('shared');

    for (const o of list.slice(1)) await decisions.decline(o.parkId, o.id, o.as, 'not_in_specialization');
    const d = await leads.detail(id, MANAGER);
    expect(d.status).toBe('review');
    expect(d.history.filter((e) => e.kind === 'sent-to-review').map((e) => e.data)).toEqual([{ why: 'all-declined' }]);
    const notice = await sql<{ title: string }>`select title from notifications where lead_id = ${id} and recipient_kind = 'manager' and kind = 'all-declined'`.execute(p.db.db);
    expect(notice.rows.map((r) => r.title)).toEqual([expect.stringContaining('被所有推荐园区拒绝')]);
  });
});
